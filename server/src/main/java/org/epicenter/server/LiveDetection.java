package org.epicenter.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private final ReportStore store;
    private final Detector detector = Detector.defaults();
    private long fedUntil; // exclusive

    public LiveDetection(ReportStore store, Instant now) {
        this.store = store;
        long to = closedUntil(now);
        this.fedUntil = to - HISTORY.toMinutes();
        feed(to);
    }

    /** Feeds every minute that has closed by {@code now}. Idempotent within a minute. */
    public synchronized void tick(Instant now) {
        feed(closedUntil(now));
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
