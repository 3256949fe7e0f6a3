package org.epicenter.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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

    /** One change of a confirmed incident, named for the event stream. */
    public record Change(String type, DetectedIncident incident) {
    }

    /** Told about every change after each tick, and about each tick itself (for heartbeats). */
    public interface Listener {
        void changed(Change change);

        void ticked();
    }

    private final ReportStore store;
    private final Detector detector = Detector.defaults();
    private final Listener listener;
    private long fedUntil; // exclusive
    private Map<String, DetectedIncident> known = Map.of();

    public LiveDetection(ReportStore store, Instant now, Listener listener) {
        this.store = store;
        this.listener = listener;
        long to = closedUntil(now);
        this.fedUntil = to - HISTORY.toMinutes();
        feed(to);
        known = byKey(detector.incidents()); // history rebuilt at start-up is not news
    }

    /** Feeds every minute that has closed by {@code now} and announces what changed. */
    public void tick(Instant now) {
        List<Change> changes;
        synchronized (this) {
            feed(closedUntil(now));
            Map<String, DetectedIncident> current = byKey(detector.incidents());
            changes = new ArrayList<>();
            for (var e : current.entrySet()) {
                DetectedIncident before = known.get(e.getKey());
                DetectedIncident latest = e.getValue();
                if (before == null) {
                    changes.add(new Change("incident.confirmed", latest));
                    if (latest.end() != null) {
                        changes.add(new Change("incident.resolved", latest));
                    }
                } else if (before.end() == null && latest.end() != null) {
                    changes.add(new Change("incident.resolved", latest));
                } else if (!before.equals(latest)) {
                    changes.add(new Change("incident.updated", latest));
                }
            }
            known = current;
        }
        changes.forEach(listener::changed);
        listener.ticked();
    }

    private static Map<String, DetectedIncident> byKey(List<DetectedIncident> incidents) {
        var map = new LinkedHashMap<String, DetectedIncident>();
        incidents.forEach(i -> map.put(i.service() + "@" + i.start(), i));
        return map;
    }

    private synchronized void feed(long to) {
        if (to <= fedUntil) {
            return;
        }
        store.forEachMinuteCount(fedUntil, to,
                c -> detector.addCount(c.minute(), c.service(), c.country(), c.problem(), c.reports()));
        detector.advanceTo(to);
        fedUntil = to;
    }

    private static long closedUntil(Instant now) {
        return Math.floorDiv(now.minus(GRACE).getEpochSecond(), 60);
    }

    public synchronized List<DetectedIncident> incidents() {
        return detector.incidents();
    }

    /** What the baseline expects of a service in a minute; empty for a service never reported. */
    public synchronized OptionalDouble expected(String service, long minute) {
        return detector.expected(service, minute);
    }
}
