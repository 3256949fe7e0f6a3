package org.epicenter.ingest;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counted reports per service for the last hour, by minute, in memory: the "current rate" the
 * service list shows without touching the store. Rebuilt from stored aggregates at start-up.
 */
public final class LiveCounts {
    /** Minutes kept; one more than an hour so a full trailing hour is always available. */
    public static final int MINUTES = 61;

    private static final class Ring {
        private final long[] minute = new long[MINUTES];
        private final long[] count = new long[MINUTES];

        synchronized void add(long m, long n) {
            int slot = (int) Math.floorMod(m, (long) MINUTES);
            if (minute[slot] != m) {
                if (minute[slot] > m && count[slot] > 0) {
                    return; // older than the ring holds
                }
                minute[slot] = m;
                count[slot] = 0;
            }
            count[slot] += n;
        }

        synchronized void set(long m, long n) {
            int slot = (int) Math.floorMod(m, (long) MINUTES);
            if (minute[slot] > m && count[slot] > 0) {
                return;
            }
            minute[slot] = m;
            count[slot] = n;
        }

        synchronized long sum(long from, long to) {
            long total = 0;
            for (int i = 0; i < MINUTES; i++) {
                if (minute[i] >= from && minute[i] < to) {
                    total += count[i];
                }
            }
            return total;
        }
    }

    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();

    public void add(String service, long minute, long reports) {
        rings.computeIfAbsent(service, s -> new Ring()).add(minute, reports);
    }

    /**
     * Replaces a minute's count with the stored one (cluster mode: other nodes' reports reach this
     * node through the shared store, not through its own intake).
     */
    public void set(String service, long minute, long reports) {
        rings.computeIfAbsent(service, s -> new Ring()).set(minute, reports);
    }

    /** Counted reports with {@code from <= minute < to}; only the last {@value #MINUTES} minutes are held. */
    public long sum(String service, long fromMinute, long toMinute) {
        Ring r = rings.get(service);
        return r == null ? 0 : r.sum(fromMinute, toMinute);
    }
}
