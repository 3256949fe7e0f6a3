package org.epicenter.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.epicenter.ingest.DedupTable;
import org.epicenter.model.Problem;

/**
 * Offline replay: reports in time order, the live dedup rule when a reporter is known, the
 * detector. Shared by {@code epicenter detect} (CSV) and {@code epicenter evaluate} (simulations).
 */
public final class ReportReplay {
    private final DedupTable dedup;
    private final Detector detector = Detector.defaults();
    private long read;
    private long counted;

    public ReportReplay(Duration dedupWindow) {
        this.dedup = new DedupTable(dedupWindow);
    }

    /** One report; {@code reporter} null means every report counts. */
    public void accept(Instant at, String service, String country, Problem problem, String reporter) {
        read++;
        long millis = at.toEpochMilli();
        if (reporter != null && !dedup.claim(service, reporter, millis)) {
            return;
        }
        count(millis, service, country, problem);
    }

    /**
     * One report whose reporter id is {@code bytes[from, to)}; {@code from < 0} means the input has
     * no reporter and every report counts. Allocates nothing: the path of {@code epicenter detect}.
     */
    public void accept(
            long epochMillis, String service, String country, Problem problem, byte[] bytes, int from, int to) {
        if (claim(epochMillis, service, bytes, from, to)) {
            count(epochMillis, service, country, problem);
        }
    }

    /**
     * The first half of {@link #accept}: reads the report and applies the dedup rule; true when it
     * counts. With {@link #count}, lets a caller run the two halves on two threads (in order, each
     * half on one thread).
     */
    public boolean claim(long epochMillis, String service, byte[] bytes, int from, int to) {
        read++;
        return from < 0 || dedup.claim(service, bytes, from, to, epochMillis);
    }

    /** The second half of {@link #accept}: a counted report goes to the detector. */
    public void count(long epochMillis, String service, String country, Problem problem) {
        counted++;
        detector.addCount(Math.floorDiv(epochMillis, 60_000L), service, country, problem, 1);
    }

    /** Services seen in the replay: what the correlator counts as monitored. */
    public java.util.Set<String> services() {
        return detector.services();
    }

    /** The span the replay covered, from its first to its last minute (for base rates); null before any report. */
    public java.time.Instant[] span() {
        long first = detector.firstMinute();
        if (first == Long.MIN_VALUE) {
            return null;
        }
        return new java.time.Instant[] {
            java.time.Instant.ofEpochSecond(first * 60),
            java.time.Instant.ofEpochSecond((detector.currentMinute() + 1) * 60)
        };
    }

    public List<DetectedIncident> finish() {
        return detector.finish();
    }

    public long read() {
        return read;
    }

    public long counted() {
        return counted;
    }
}
