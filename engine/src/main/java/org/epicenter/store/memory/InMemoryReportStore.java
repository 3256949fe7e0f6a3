package org.epicenter.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;

/** Reports and minute counts in memory: one facet of {@link InMemoryStorage}. */
final class InMemoryReportStore implements org.epicenter.store.ReportStore {
    private record CountKey(String service, long minute, String country, Problem problem) {}

    private final List<Report> raw = new ArrayList<>();
    private final TreeMap<Long, Map<CountKey, Long>> byMinute = new TreeMap<>();

    private final Map<String, Checkpoint> checkpoints = new TreeMap<>();

    @Override
    public synchronized void appendFromLog(List<Report> batch, String partition, long from, long to, Instant caughtUp) {
        Checkpoint at = checkpoints.getOrDefault(partition, new Checkpoint(partition, 0, null));
        if (at.next() != from) {
            throw new StaleCheckpoint(partition, from);
        }
        append(batch);
        checkpoints.put(partition, new Checkpoint(partition, to, caughtUp != null ? caughtUp : at.caughtUp()));
    }

    @Override
    public synchronized Map<String, Checkpoint> checkpoints() {
        return Map.copyOf(checkpoints);
    }

    @Override
    public synchronized void append(List<Report> batch) {
        raw.addAll(batch);
        for (Report r : batch) {
            if (r.counted()) {
                byMinute.computeIfAbsent(r.minute(), m -> new HashMap<>())
                        .merge(new CountKey(r.service(), r.minute(), r.country(), r.problem()), 1L, Long::sum);
            }
        }
    }

    @Override
    public synchronized List<MinuteCount> minuteCounts(String service, long fromMinute, long toMinute) {
        var out = new ArrayList<MinuteCount>();
        for (Map<CountKey, Long> minute : byMinute.subMap(fromMinute, toMinute).values()) {
            minute.forEach((k, n) -> {
                if (k.service().equals(service)) {
                    out.add(new MinuteCount(k.minute(), k.service(), k.country(), k.problem(), n));
                }
            });
        }
        out.sort(Comparator.comparingLong(MinuteCount::minute)
                .thenComparing(MinuteCount::country)
                .thenComparing(MinuteCount::problem));
        return out;
    }

    @Override
    public void forEachMinuteCount(long fromMinute, long toMinute, java.util.function.Consumer<MinuteCount> sink) {
        List<MinuteCount> rows;
        synchronized (this) {
            rows = new ArrayList<>();
            for (Map<CountKey, Long> minute :
                    byMinute.subMap(fromMinute, toMinute).values()) {
                minute.forEach(
                        (k, n) -> rows.add(new MinuteCount(k.minute(), k.service(), k.country(), k.problem(), n)));
            }
        }
        rows.sort(Comparator.comparingLong(MinuteCount::minute)
                .thenComparing(MinuteCount::service)
                .thenComparing(MinuteCount::country)
                .thenComparing(MinuteCount::problem));
        rows.forEach(sink);
    }

    @Override
    public synchronized Map<String, Long> countsByService(long fromMinute, long toMinute) {
        var out = new HashMap<String, Long>();
        byMinute.subMap(fromMinute, toMinute)
                .values()
                .forEach(m -> m.forEach((k, n) -> out.merge(k.service(), n, Long::sum)));
        return out;
    }

    @Override
    public synchronized List<Report> countedSince(Instant since) {
        return raw.stream()
                .filter(r -> r.counted() && !r.receivedAt().isBefore(since))
                .sorted(Comparator.comparing(Report::receivedAt))
                .toList();
    }

    @Override
    public synchronized long rawCount() {
        return raw.size();
    }

    @Override
    public synchronized int deleteRawBefore(Instant before) {
        int n = raw.size();
        raw.removeIf(r -> r.receivedAt().isBefore(before));
        return n - raw.size();
    }

    @Override
    public synchronized int deleteMinuteCountsBefore(long minute) {
        var old = byMinute.headMap(minute);
        int n = old.values().stream().mapToInt(Map::size).sum();
        old.clear();
        return n;
    }
}
