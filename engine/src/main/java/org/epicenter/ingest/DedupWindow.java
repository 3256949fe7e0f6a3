package org.epicenter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.epicenter.model.Report;

/**
 * One counted report per reporter per service per window (Downdetector's rule). Holds only ids
 * seen within the last window; {@link #prune} drops the rest.
 */
public final class DedupWindow {
    private record Key(String service, String reporter) {
    }

    private final long windowMillis;
    private final ConcurrentHashMap<Key, Long> lastCounted = new ConcurrentHashMap<>();

    public DedupWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("dedup window must not be negative: " + window);
        }
        this.windowMillis = window.toMillis();
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    /**
     * Atomically decides whether this report counts. {@code reporterIds.get(0)} is the reporter's
     * current id; further ids are older aliases that are only checked, never recorded.
     */
    public boolean claim(String service, List<String> reporterIds, Instant now) {
        long t = now.toEpochMilli();
        for (int i = 1; i < reporterIds.size(); i++) {
            Long seen = lastCounted.get(new Key(service, reporterIds.get(i)));
            if (seen != null && t - seen < windowMillis) {
                return false;
            }
        }
        boolean[] counted = {false};
        lastCounted.compute(new Key(service, reporterIds.get(0)), (k, seen) -> {
            if (seen != null && t - seen < windowMillis) {
                return seen;
            }
            counted[0] = true;
            return t;
        });
        return counted[0];
    }

    /** Undoes a claim made at {@code at} whose report could not be stored. */
    public void release(String service, String reporterId, Instant at) {
        lastCounted.remove(new Key(service, reporterId), at.toEpochMilli());
    }

    /** Rebuilds state from a stored counted report. */
    public void remember(Report report) {
        if (report.counted()) {
            lastCounted.merge(new Key(report.service(), report.reporter()), report.receivedAt().toEpochMilli(), Math::max);
        }
    }

    public void prune(Instant now) {
        long cutoff = now.toEpochMilli() - windowMillis;
        lastCounted.values().removeIf(seen -> seen <= cutoff);
    }

    public int size() {
        return lastCounted.size();
    }
}
