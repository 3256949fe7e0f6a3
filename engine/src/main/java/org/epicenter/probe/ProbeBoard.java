package org.epicenter.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probe.Verdicts.State;

/**
 * What the probes say now, from every location's recent results: a verdict per probe, signals per
 * entry and location (error ratio, median latency), and the backup paths that are broken while
 * their primary works. Pure state: results come in, views go out; thread-safe.
 *
 * <p>A location that has not reported a probe for three of its intervals (at least three minutes)
 * stops voting: a stopped agent must not keep a probe down, or up, with old results.
 */
public final class ProbeBoard {
    /**
     * One location's view of one probe.
     *
     * @param failingSince     the time of the first result in the current run of failures; null when the last result was ok
     * @param typicalLatencyMs the median of the per-minute latencies of the hour before the last five minutes; -1 until
     *                         ten minutes of it are known
     * @param slow             the median latency of the last results is more than {@link #SLOW_FACTOR} times the typical
     *                         one and at least {@link #SLOW_MARGIN_MS} ms above it
     */
    public record LocationView(
            State state,
            Instant lastAt,
            boolean lastOk,
            long lastLatencyMs,
            String lastDetail,
            double errorRatio,
            long medianLatencyMs,
            Instant failingSince,
            long typicalLatencyMs,
            boolean slow) {}

    static final double SLOW_FACTOR = 3;
    static final long SLOW_MARGIN_MS = 300;

    /** One latency per minute for the last hour, in a ring: 960 bytes per probe and location. */
    private static final class LatencyHistory {
        final long[] minuteOf = new long[60];
        final long[] latency = new long[60];

        LatencyHistory() {
            java.util.Arrays.fill(minuteOf, Long.MIN_VALUE);
        }

        void add(Instant at, long ms) {
            long minute = Math.floorDiv(at.getEpochSecond(), 60);
            int slot = (int) Math.floorMod(minute, 60L);
            minuteOf[slot] = minute;
            latency[slot] = ms;
        }

        long typical(Instant now) {
            long minute = Math.floorDiv(now.getEpochSecond(), 60);
            long[] seen = new long[60];
            int n = 0;
            for (int i = 0; i < 60; i++) {
                if (minuteOf[i] >= minute - 60 && minuteOf[i] < minute - 5) {
                    seen[n++] = latency[i];
                }
            }
            if (n < 10) {
                return -1;
            }
            java.util.Arrays.sort(seen, 0, n);
            return seen[n / 2];
        }
    }

    /** One probe, overall and per location. */
    public record ProbeView(
            String entry, ProbeSpec spec, State overall, List<String> downAt, Map<String, LocationView> locations) {
        /** Locations where it answers, but much slower than it did in the last hour. */
        public List<String> slowAt() {
            return locations.entrySet().stream()
                    .filter(e -> e.getValue().slow())
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /**
     * A backup path that does not work while its primary does: found before anyone needs it.
     *
     * @param state the backup's state: DOWN (it stopped working) or UNVERIFIED (it never worked
     *              anywhere the primary works)
     */
    public record BackupFinding(
            String entry, String backup, String primary, State state, Instant since, String detail) {}

    private static final class Tracked {
        final String entry;
        ProbeSpec spec;
        Verdicts verdicts;
        final Map<String, Deque<ProbeResult>> recent = new LinkedHashMap<>();
        final Map<String, LatencyHistory> latency = new HashMap<>();
        Instant brokenSince;

        Tracked(String entry, ProbeSpec spec) {
            this.entry = entry;
            this.spec = spec;
            this.verdicts = new Verdicts(spec.quorumOrDefault());
        }
    }

    private final Map<String, Tracked> probes = new LinkedHashMap<>();

    /**
     * Follows the catalog: new probes start empty, removed ones are forgotten, and a probe whose
     * definition changed starts over (old results judged other conditions).
     */
    public synchronized void sync(Catalog catalog) {
        var next = new LinkedHashMap<String, Tracked>();
        for (CatalogEntry e : catalog.entries()) {
            for (ProbeSpec spec : e.probes()) {
                String id = e.id() + "/" + spec.name();
                Tracked old = probes.get(id);
                next.put(id, old != null && old.spec.equals(spec) ? old : new Tracked(e.id(), spec));
            }
        }
        probes.clear();
        probes.putAll(next);
    }

    /** Takes one result; false when no such probe is defined (it was removed meanwhile). */
    public synchronized boolean record(ProbeResult r) {
        Tracked t = probes.get(r.probeId());
        if (t == null) {
            return false;
        }
        Deque<ProbeResult> q = t.recent.computeIfAbsent(r.location(), k -> new ArrayDeque<>());
        if (!q.isEmpty() && r.at().isBefore(q.peekLast().at())) {
            return true; // late delivery of an older result: kept by the store, not re-judged here
        }
        q.addLast(r);
        while (q.size() > Verdicts.WINDOW) {
            q.removeFirst();
        }
        t.verdicts.record(r.location(), r.ok());
        if (r.ok() && r.latencyMs() >= 0) {
            t.latency.computeIfAbsent(r.location(), k -> new LatencyHistory()).add(r.at(), r.latencyMs());
        }
        return true;
    }

    /** Stops counting locations that went quiet; call it periodically. */
    public synchronized void expire(Instant now) {
        for (Tracked t : probes.values()) {
            Duration quiet = t.spec.every().multipliedBy(3);
            if (quiet.compareTo(Duration.ofMinutes(3)) < 0) {
                quiet = Duration.ofMinutes(3);
            }
            Instant horizon = now.minus(quiet);
            var it = t.recent.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getValue().peekLast().at().isBefore(horizon)) {
                    t.verdicts.forget(e.getKey());
                    t.latency.remove(e.getKey());
                    it.remove();
                }
            }
        }
    }

    public synchronized List<ProbeView> of(String entry) {
        var out = new ArrayList<ProbeView>();
        for (Tracked t : probes.values()) {
            if (t.entry.equals(entry)) {
                out.add(view(t));
            }
        }
        return out;
    }

    public synchronized List<ProbeView> all() {
        return probes.values().stream().map(ProbeBoard::view).toList();
    }

    /**
     * The entry's state by its primary probes: the worst verified verdict (down, regional, degraded,
     * up), or empty when it has no probe that ever worked.
     */
    public synchronized Optional<State> state(String entry) {
        return Optional.ofNullable(states().get(entry));
    }

    /** {@link #state} of every entry that has one, in one pass over the probes. */
    public synchronized Map<String, State> states() {
        var worst = new HashMap<String, State>();
        for (Tracked t : probes.values()) {
            if (t.spec.backupOf() != null) {
                continue;
            }
            State s = t.verdicts.verdict().overall();
            if (s != State.UNVERIFIED) {
                worst.merge(t.entry, s, (a, b) -> b.severity() > a.severity() ? b : a);
            }
        }
        return worst;
    }

    /** Backup paths broken while their primary works, oldest first. */
    public synchronized List<BackupFinding> backupFindings(Instant now) {
        var out = new ArrayList<BackupFinding>();
        for (Tracked backup : probes.values()) {
            if (backup.spec.backupOf() == null) {
                continue;
            }
            Tracked primary = probes.get(backup.entry + "/" + backup.spec.backupOf());
            State p = primary == null
                    ? State.UNVERIFIED
                    : primary.verdicts.verdict().overall();
            State b = backup.verdicts.verdict().overall();
            boolean primaryWorks = p == State.UP || p == State.DEGRADED;
            boolean broken = primaryWorks && !backup.recent.isEmpty() && (b == State.DOWN || b == State.UNVERIFIED);
            if (!broken) {
                backup.brokenSince = null;
                continue;
            }
            if (backup.brokenSince == null) {
                backup.brokenSince = now;
            }
            String last = backup.recent.values().stream()
                    .map(Deque::peekLast)
                    .filter(r -> !r.ok())
                    .max(Comparator.comparing(ProbeResult::at))
                    .map(r -> r.location() + ": " + r.detail())
                    .orElse("");
            String detail = (b == State.UNVERIFIED
                            ? "the backup has never worked from any location"
                            : "the backup stopped working")
                    + " while the primary " + backup.spec.backupOf() + " works"
                    + (last.isEmpty() ? "" : " (" + last + ")");
            out.add(new BackupFinding(
                    backup.entry, backup.spec.name(), backup.spec.backupOf(), b, backup.brokenSince, detail));
        }
        out.sort(Comparator.comparing(BackupFinding::since));
        return out;
    }

    private static ProbeView view(Tracked t) {
        Verdicts.Verdict v = t.verdicts.verdict();
        var locations = new LinkedHashMap<String, LocationView>();
        for (var e : t.recent.entrySet()) {
            Deque<ProbeResult> q = e.getValue();
            ProbeResult last = q.peekLast();
            long failed = q.stream().filter(r -> !r.ok()).count();
            long[] latencies = q.stream()
                    .mapToLong(ProbeResult::latencyMs)
                    .filter(l -> l >= 0)
                    .sorted()
                    .toArray();
            Instant failingSince = null;
            for (var it = q.descendingIterator(); it.hasNext(); ) {
                ProbeResult r = it.next();
                if (r.ok()) {
                    break;
                }
                failingSince = r.at();
            }
            long median = latencies.length == 0 ? -1 : latencies[latencies.length / 2];
            LatencyHistory history = t.latency.get(e.getKey());
            long typical = history == null ? -1 : history.typical(last.at());
            boolean slow =
                    typical >= 0 && median >= 0 && median > SLOW_FACTOR * typical && median - typical >= SLOW_MARGIN_MS;
            locations.put(
                    e.getKey(),
                    new LocationView(
                            v.byLocation().getOrDefault(e.getKey(), State.UNVERIFIED),
                            last.at(),
                            last.ok(),
                            last.latencyMs(),
                            last.detail(),
                            (double) failed / q.size(),
                            median,
                            failingSince,
                            typical,
                            slow));
        }
        return new ProbeView(t.entry, t.spec, v.overall(), v.downAt(), locations);
    }

    /** Whether a probe ("entry/name") is defined now. */
    public synchronized boolean knows(String probeId) {
        return probes.containsKey(probeId);
    }

    /** How many probes are defined. */
    public synchronized int size() {
        return probes.size();
    }

    /** The probes due at one location, with their entry: what an agent is assigned. */
    public synchronized Map<String, List<ProbeSpec>> assignments() {
        var out = new HashMap<String, List<ProbeSpec>>();
        for (Tracked t : probes.values()) {
            out.computeIfAbsent(t.entry, k -> new ArrayList<>()).add(t.spec);
        }
        return out;
    }
}
