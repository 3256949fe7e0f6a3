package org.epicenter.ingest;

import java.time.Duration;

/**
 * The dedup rule of {@link DedupWindow} (one counted report per reporter per service per window)
 * for offline replay, where millions of reports go through one thread: no objects per report.
 * A key is a 128-bit hash of the service and the reporter id; the table is open-addressed, and
 * expired keys are dropped whenever it fills up.
 *
 * <p>Two different keys share a hash with probability about n²/2¹²⁹ (n keys alive at once): for a
 * billion reporters in one window, below 10⁻²⁰. Not thread-safe.
 */
public final class ReplayDedup {
    private final long windowMillis;
    private long[] hi;
    private long[] lo;
    private long[] seen;
    private boolean[] used;
    private int size;

    public ReplayDedup(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("dedup window must not be negative: " + window);
        }
        this.windowMillis = window.toMillis();
        allocate(1 << 12);
    }

    /** True when this report counts; records it. The reporter id is {@code bytes[from, to)}. */
    public boolean claim(String service, byte[] bytes, int from, int to, long epochMillis) {
        long h1 = 0x9E3779B97F4A7C15L ^ service.hashCode();
        long h2 = 0xC2B2AE3D27D4EB4FL + 31L * service.hashCode();
        int i = from;
        for (; i + 8 <= to; i += 8) { // eight bytes at a time
            long w = (long) LONGS.get(bytes, i);
            h1 = Long.rotateLeft((h1 ^ w) * 0x87C37B91114253D5L, 31);
            h2 = Long.rotateLeft((h2 + w) * 0x4CF5AD432745937FL, 27) ^ h1;
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        h1 = mix(Long.rotateLeft((h1 ^ tail) * 0x87C37B91114253D5L, 31) ^ (to - from));
        h2 = mix((Long.rotateLeft((h2 + tail) * 0x4CF5AD432745937FL, 27) ^ h1) + service.length());
        return claim(h1, h2, epochMillis);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The same for a reporter id held as a string (simulations). */
    public boolean claim(String service, String reporter, long epochMillis) {
        byte[] b = reporter.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return claim(service, b, 0, b.length, epochMillis);
    }

    private boolean claim(long h1, long h2, long t) {
        int mask = used.length - 1;
        int i = (int) h1 & mask;
        while (used[i]) {
            if (hi[i] == h1 && lo[i] == h2) {
                if (t - seen[i] < windowMillis) {
                    return false;
                }
                seen[i] = t;
                return true;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        hi[i] = h1;
        lo[i] = h2;
        seen[i] = t;
        if (++size > used.length * 0.6) {
            rebuild(t);
        }
        return true;
    }

    /** Keeps the keys still inside the window; grows the table until they fill at most a quarter of it. */
    private void rebuild(long now) {
        long[] oh = hi;
        long[] ol = lo;
        long[] os = seen;
        boolean[] ou = used;
        int live = 0;
        for (int i = 0; i < ou.length; i++) {
            if (ou[i] && now - os[i] < windowMillis) {
                live++;
            }
        }
        int capacity = ou.length;
        while (live > capacity / 4) {
            capacity <<= 1;
        }
        allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < ou.length; j++) {
            if (ou[j] && now - os[j] < windowMillis) {
                int i = (int) oh[j] & mask;
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                hi[i] = oh[j];
                lo[i] = ol[j];
                seen[i] = os[j];
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        hi = new long[capacity];
        lo = new long[capacity];
        seen = new long[capacity];
        used = new boolean[capacity];
        size = 0;
    }

    /** Keys held (some may have expired but not yet been dropped). */
    public int size() {
        return size;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
