package org.epicenter.store.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.epicenter.probe.ProbeResult;
import org.epicenter.store.AlertStore.Entry;
import org.epicenter.store.CatalogChangeStore;
import org.epicenter.store.ProbeResultStore;
import org.epicenter.store.ReportStore;
import org.epicenter.store.SecretStore;
import org.epicenter.store.Storage;

/**
 * Storage in memory, for offline replay and tests. Not durable; otherwise it keeps the same
 * contract as every backend. All methods are synchronized: simple beats fast here.
 */
public final class InMemoryStorage implements Storage, ReportStore, CatalogChangeStore, SecretStore, ProbeResultStore, org.epicenter.store.OfficialStore,
        org.epicenter.store.AlertStore {
    private record CountKey(String service, long minute, String country, Problem problem) {
    }

    private final List<Report> raw = new ArrayList<>();
    private final TreeMap<Long, Map<CountKey, Long>> byMinute = new TreeMap<>();
    private final LinkedHashMap<String, CatalogChange> changes = new LinkedHashMap<>();
    private final Map<LocalDate, byte[]> keys = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();
    private final List<ProbeResult> probeResults = new ArrayList<>();
    private final java.util.LinkedHashMap<String, org.epicenter.feed.OfficialRecord> official = new java.util.LinkedHashMap<>();

    @Override
    public ReportStore reports() {
        return this;
    }

    @Override
    public CatalogChangeStore catalogChanges() {
        return this;
    }

    @Override
    public SecretStore secrets() {
        return this;
    }

    @Override
    public ProbeResultStore probeResults() {
        return this;
    }

    private final java.util.TreeMap<String, org.epicenter.alert.Subscription> subscriptions = new java.util.TreeMap<>();
    private final java.util.TreeMap<String, org.epicenter.alert.Silence> silences = new java.util.TreeMap<>();
    private final java.util.LinkedHashMap<String, Entry> outbox = new java.util.LinkedHashMap<>();

    @Override
    public org.epicenter.store.AlertStore alerts() {
        return this;
    }

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();

    @Override
    public org.epicenter.store.NoticeStore notices() {
        return notices;
    }

    @Override
    public synchronized void putSubscription(org.epicenter.alert.Subscription s) {
        subscriptions.put(s.id(), s);
    }

    @Override
    public synchronized boolean deleteSubscription(String id) {
        return subscriptions.remove(id) != null;
    }

    @Override
    public synchronized List<org.epicenter.alert.Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    @Override
    public synchronized void putSilence(org.epicenter.alert.Silence s) {
        silences.put(s.id(), s);
    }

    @Override
    public synchronized boolean deleteSilence(String id) {
        return silences.remove(id) != null;
    }

    @Override
    public synchronized List<org.epicenter.alert.Silence> silences() {
        return List.copyOf(silences.values());
    }

    @Override
    public synchronized void enqueue(List<Entry> entries) {
        entries.forEach(e -> outbox.putIfAbsent(e.key(), e));
    }

    @Override
    public synchronized Optional<Entry> entry(String key) {
        return Optional.ofNullable(outbox.get(key));
    }

    @Override
    public synchronized List<Entry> due(Instant now, int limit) {
        return outbox.values().stream().filter(e -> e.state().equals("pending") && !e.nextAttempt().isAfter(now))
                .sorted(Comparator.comparing(Entry::nextAttempt).thenComparing(Entry::created)).limit(limit).toList();
    }

    @Override
    public synchronized List<Entry> entriesSince(Instant since) {
        return outbox.values().stream().filter(e -> !e.created().isBefore(since)).sorted(Comparator.comparing(Entry::created)).toList();
    }

    @Override
    public synchronized int deleteEntriesBefore(Instant before) {
        int n = outbox.size();
        outbox.values().removeIf(e -> e.created().isBefore(before) && !e.state().equals("pending"));
        return n - outbox.size();
    }

    @Override
    public synchronized void attempted(String key, String state, int attempts, Instant nextAttempt, String error, Instant sent) {
        Entry e = outbox.get(key);
        if (e != null) {
            outbox.put(key, new Entry(e.key(), e.subscription(), e.group(), e.kind(), state, e.size(), e.payload(), attempts, nextAttempt,
                    error, e.created(), sent));
        }
    }

    @Override
    public org.epicenter.store.OfficialStore official() {
        return this;
    }

    @Override
    public synchronized void saveOfficial(List<org.epicenter.feed.OfficialRecord> records) {
        for (var r : records) {
            var known = official.get(r.key());
            official.put(r.key(), known == null ? r : new org.epicenter.feed.OfficialRecord(r.entry(), r.feed(), r.incident(), known.firstSeen()));
        }
    }

    @Override
    public synchronized List<org.epicenter.feed.OfficialRecord> officialSince(Instant since) {
        return official.values().stream().filter(r -> !r.incident().created().isBefore(since) || r.incident().resolved() == null)
                .sorted(Comparator.comparing((org.epicenter.feed.OfficialRecord r) -> r.incident().created())).toList();
    }

    @Override
    public synchronized int deleteOfficialBefore(Instant before) {
        int n = official.size();
        official.values().removeIf(r -> r.incident().resolved() != null && r.incident().resolved().isBefore(before));
        return n - official.size();
    }

    @Override
    public synchronized void appendResults(List<ProbeResult> batch) {
        probeResults.addAll(batch);
    }

    @Override
    public synchronized List<ProbeResult> resultsSince(Instant since) {
        return probeResults.stream().filter(r -> !r.at().isBefore(since)).sorted(Comparator.comparing(ProbeResult::at)).toList();
    }

    @Override
    public synchronized List<ProbeResult> results(String entry, String probe, Instant from, Instant to) {
        return probeResults.stream().filter(r -> r.entry().equals(entry) && r.probe().equals(probe)
                && !r.at().isBefore(from) && r.at().isBefore(to)).sorted(Comparator.comparing(ProbeResult::at)).toList();
    }

    @Override
    public synchronized int deleteResultsBefore(Instant before) {
        int n = probeResults.size();
        probeResults.removeIf(r -> r.at().isBefore(before));
        return n - probeResults.size();
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
        out.sort(Comparator.comparingLong(MinuteCount::minute).thenComparing(MinuteCount::country)
                .thenComparing(MinuteCount::problem));
        return out;
    }

    @Override
    public void forEachMinuteCount(long fromMinute, long toMinute, java.util.function.Consumer<MinuteCount> sink) {
        List<MinuteCount> rows;
        synchronized (this) {
            rows = new ArrayList<>();
            for (Map<CountKey, Long> minute : byMinute.subMap(fromMinute, toMinute).values()) {
                minute.forEach((k, n) -> rows.add(new MinuteCount(k.minute(), k.service(), k.country(), k.problem(), n)));
            }
        }
        rows.sort(Comparator.comparingLong(MinuteCount::minute).thenComparing(MinuteCount::service)
                .thenComparing(MinuteCount::country).thenComparing(MinuteCount::problem));
        rows.forEach(sink);
    }

    @Override
    public synchronized Map<String, Long> countsByService(long fromMinute, long toMinute) {
        var out = new HashMap<String, Long>();
        byMinute.subMap(fromMinute, toMinute).values()
                .forEach(m -> m.forEach((k, n) -> out.merge(k.service(), n, Long::sum)));
        return out;
    }

    @Override
    public synchronized List<Report> countedSince(Instant since) {
        return raw.stream().filter(r -> r.counted() && !r.receivedAt().isBefore(since))
                .sorted(Comparator.comparing(Report::receivedAt)).toList();
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

    @Override
    public synchronized void save(CatalogChange change) {
        changes.remove(change.id());
        changes.put(change.id(), change);
    }

    @Override
    public synchronized List<CatalogChange> all() {
        return List.copyOf(changes.values());
    }

    @Override
    public synchronized byte[] reporterKey(LocalDate day, byte[] candidate) {
        return keys.computeIfAbsent(day, d -> candidate.clone()).clone();
    }

    @Override
    public synchronized void forgetReporterKeysBefore(LocalDate day) {
        keys.keySet().removeIf(d -> d.isBefore(day));
    }

    @Override
    public synchronized Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    @Override
    public synchronized void putSetting(String name, String value) {
        settings.put(name, value);
    }

    @Override
    public void close() {
    }
}
