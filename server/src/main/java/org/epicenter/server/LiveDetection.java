package org.epicenter.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.detect.Detector;
import org.epicenter.store.ReportStore;

/**
 * The detection engine, live: fed the stored per-minute aggregates of each closed minute, the same
 * input as an offline replay gives it, so live and replay find the same incidents. Incidents are
 * derived data: at start-up the last {@link #HISTORY} of aggregates is replayed, which rebuilds
 * both the baselines and the incidents.
 */
public final class LiveDetection {
    static final Duration HISTORY = Duration.ofDays(28);
    /** A minute is closed this long after it ends, so reports still being committed are counted. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * A service's state: {@code ok}, {@code suspected} (an open suspicion), {@code problems} (a
     * confirmed incident) or {@code recovering} (a confirmed incident whose reports are back to normal).
     */
    public record ServiceStatus(String service, String status, Instant since) {}

    /** Told about every change after each tick, and about each tick itself (for heartbeats). */
    public interface Listener {
        void changed(Event change);

        void ticked();
    }

    private final ReportStore store;
    private final Detector detector = Detector.defaults();
    private final Listener listener;
    private final java.util.function.Function<Instant, Instant> horizon;
    private long fedUntil; // exclusive
    private Map<org.epicenter.detect.IncidentKey, DetectedIncident> known = Map.of();
    private Map<org.epicenter.detect.IncidentKey, DetectedIncident> knownSuspicions = Map.of();
    private Map<String, ServiceStatus> knownStatuses = Map.of();

    public LiveDetection(ReportStore store, Instant now, Listener listener) {
        this(store, now, listener, t -> t);
    }

    /**
     * @param horizon up to when the store holds every report, given the time (cluster mode: see
     *     {@code DetectionHorizon}; a single node's store is complete up to now); null while unknown,
     *     and then no minute closes (at start-up, a store with no horizon yet is taken as complete)
     */
    public LiveDetection(
            ReportStore store, Instant now, Listener listener, java.util.function.Function<Instant, Instant> horizon) {
        this.store = store;
        this.listener = listener;
        this.horizon = horizon;
        Instant h = horizon.apply(now);
        long to = closedUntil(h == null || h.isAfter(now) ? now : h);
        this.fedUntil = to - HISTORY.toMinutes();
        feed(to);
        known = byKey(detector.incidents()); // history rebuilt at start-up is not news
        knownSuspicions = byKey(detector.suspected());
        knownStatuses = statuses(known.values(), knownSuspicions.values());
    }

    /** Feeds every minute that has closed by {@code now} and announces what changed. */
    public void tick(Instant now) {
        List<Event> changes = new ArrayList<>();
        synchronized (this) {
            Instant h = horizon.apply(now);
            if (h != null) {
                feed(closedUntil(h.isAfter(now) ? now : h));
            }
            Map<org.epicenter.detect.IncidentKey, DetectedIncident> current = byKey(detector.incidents());
            Map<org.epicenter.detect.IncidentKey, DetectedIncident> suspicions = byKey(detector.suspected());
            for (var e : suspicions.entrySet()) {
                if (!knownSuspicions.containsKey(e.getKey())) {
                    changes.add(new Event.IncidentOpened(e.getValue()));
                }
            }
            for (var e : current.entrySet()) {
                DetectedIncident before = known.get(e.getKey());
                DetectedIncident latest = e.getValue();
                if (before == null) {
                    if (!knownSuspicions.containsKey(e.getKey())) {
                        changes.add(new Event.IncidentOpened(latest));
                    }
                    changes.add(new Event.IncidentConfirmed(latest));
                    if (latest.end() != null) {
                        changes.add(new Event.IncidentResolved(latest));
                    }
                } else if (before.end() == null && latest.end() != null) {
                    changes.add(new Event.IncidentResolved(latest));
                } else if (!before.equals(latest)) {
                    changes.add(new Event.IncidentUpdated(latest));
                }
            }
            for (var e : knownSuspicions.entrySet()) {
                if (!suspicions.containsKey(e.getKey()) && !current.containsKey(e.getKey())) {
                    changes.add(new Event.IncidentDropped(e.getValue()));
                }
            }
            // A regional incident leaves the list when a global incident of its service overlaps it.
            for (var e : known.entrySet()) {
                if (!current.containsKey(e.getKey())) {
                    changes.add(new Event.IncidentDropped(e.getValue()));
                }
            }
            Map<String, ServiceStatus> statuses = statuses(current.values(), suspicions.values());
            for (var e : statuses.entrySet()) {
                ServiceStatus before = knownStatuses.get(e.getKey());
                if (before == null || !before.status().equals(e.getValue().status())) {
                    changes.add(new Event.ServiceStatusChanged(e.getValue()));
                }
            }
            for (String service : knownStatuses.keySet()) {
                if (!statuses.containsKey(service)) {
                    changes.add(new Event.ServiceStatusChanged(new ServiceStatus(service, "ok", now)));
                }
            }
            known = current;
            knownSuspicions = suspicions;
            knownStatuses = statuses;
        }
        changes.forEach(listener::changed);
        listener.ticked();
    }

    /** Services that are not ok: problems (open confirmed incident) win over suspected. */
    private static Map<String, ServiceStatus> statuses(
            Iterable<DetectedIncident> confirmed, Iterable<DetectedIncident> suspected) {
        var map = new LinkedHashMap<String, ServiceStatus>();
        for (DetectedIncident i : suspected) {
            map.put(i.service(), new ServiceStatus(i.service(), "suspected", i.start()));
        }
        for (DetectedIncident i : confirmed) {
            if (i.end() == null) {
                // recovering: reports are back to normal, and the page says so before the incident resolves
                map.put(
                        i.service(),
                        new ServiceStatus(i.service(), i.recovering() ? "recovering" : "problems", i.start()));
            }
        }
        return map;
    }

    /** Each service's current state, for pages that start before the next change. */
    public synchronized Map<String, ServiceStatus> statuses() {
        return knownStatuses;
    }

    private static Map<org.epicenter.detect.IncidentKey, DetectedIncident> byKey(List<DetectedIncident> incidents) {
        var map = new LinkedHashMap<org.epicenter.detect.IncidentKey, DetectedIncident>();
        incidents.forEach(i -> map.put(i.key(), i));
        return map;
    }

    private synchronized void feed(long to) {
        if (to <= fedUntil) {
            return;
        }
        store.forEachMinuteCount(
                fedUntil, to, c -> detector.addCount(c.minute(), c.service(), c.country(), c.problem(), c.reports()));
        detector.advanceTo(to);
        fedUntil = to;
    }

    private static long closedUntil(Instant now) {
        return Math.floorDiv(now.minus(GRACE).getEpochSecond(), 60);
    }

    /** The incidents as of the last tick (the detector itself walks every series to list them). */
    public synchronized List<DetectedIncident> incidents() {
        return List.copyOf(known.values());
    }

    /** Services the detector has a series for (reported at least once in its history). */
    public synchronized java.util.Set<String> services() {
        return detector.services();
    }

    /** Open suspicions (rising reports not yet confirmed) as of the last tick. */
    public synchronized List<DetectedIncident> suspicions() {
        return List.copyOf(knownSuspicions.values());
    }

    /** What the baseline expects of a service in each of {@code minutes} minutes from {@code from}; null for a service never reported. */
    public synchronized double[] expected(String service, long from, int minutes) {
        if (detector.expected(service, from).isEmpty()) {
            return null;
        }
        double[] out = new double[minutes];
        for (int i = 0; i < minutes; i++) {
            out[i] = detector.expected(service, from + i).orElse(0);
        }
        return out;
    }
}
