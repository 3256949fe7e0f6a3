package org.epicenter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.epicenter.model.Report;

/**
 * One counted report per reporter per service per window (Downdetector's rule). Holds only ids
 * seen within the last window; {@link #prune} drops the rest.
 *
 * <p>Thread-safe: {@value #STRIPES} {@link DedupTable}s, each under its own lock, picked by the
 * key's hash code. No objects are kept per reporter (a surge of a million distinct reporters costs
 * a few tens of megabytes of arrays, not a million map entries for the collector to trace).
 */
public final class DedupWindow {
    private static final int STRIPES = 64;

    private final long windowMillis;
    private final DedupTable[] stripes = new DedupTable[STRIPES];

    public DedupWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("dedup window must not be negative: " + window);
        }
        this.windowMillis = window.toMillis();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new DedupTable(window, 256);
        }
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    private DedupTable stripe(String service, String reporter) {
        int h = service.hashCode() * 31 + reporter.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    /**
     * Atomically decides whether this report counts. {@code reporterIds.get(0)} is the reporter's
     * current id; further ids are older aliases that are only checked, never recorded.
     */
    public boolean claim(String service, List<String> reporterIds, Instant now) {
        long t = now.toEpochMilli();
        for (int i = 1; i < reporterIds.size(); i++) {
            DedupTable table = stripe(service, reporterIds.get(i));
            long seen;
            synchronized (table) {
                seen = table.lastCounted(service, reporterIds.get(i));
            }
            if (seen != Long.MIN_VALUE && t - seen < windowMillis) {
                return false;
            }
        }
        DedupTable table = stripe(service, reporterIds.get(0));
        synchronized (table) {
            return table.claim(service, reporterIds.get(0), t);
        }
    }

    /** Undoes a claim made at {@code at} whose report could not be stored. */
    public void release(String service, String reporterId, Instant at) {
        DedupTable table = stripe(service, reporterId);
        synchronized (table) {
            table.release(service, reporterId, at.toEpochMilli());
        }
    }

    /** Rebuilds state from a stored counted report. */
    public void remember(Report report) {
        if (report.counted()) {
            DedupTable table = stripe(report.service(), report.reporter());
            synchronized (table) {
                table.remember(
                        report.service(), report.reporter(), report.receivedAt().toEpochMilli());
            }
        }
    }

    public void prune(Instant now) {
        for (DedupTable table : stripes) {
            synchronized (table) {
                table.prune(now.toEpochMilli());
            }
        }
    }

    /** Keys held, some of which may have expired since the last prune. */
    public int size() {
        int n = 0;
        for (DedupTable table : stripes) {
            synchronized (table) {
                n += table.size();
            }
        }
        return n;
    }
}
