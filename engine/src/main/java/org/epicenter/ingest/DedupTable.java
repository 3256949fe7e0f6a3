package org.epicenter.ingest;

import java.time.Duration;

/**
 * The dedup rule of {@link DedupWindow} (one counted report per reporter per service per window)
 * without objects per report: a key is a 128-bit hash of the service and the reporter id, the table
 * is open-addressed, and expired keys are dropped whenever it fills up. Offline replay uses one
 * table on one thread; the live {@link DedupWindow} uses stripes of them, each under its own lock.
 *
 * <p>Two different keys share a hash with probability about n²/2¹²⁹ (n keys alive at once): for a
 * billion reporters in one window, below 10⁻²⁰. Not thread-safe.
 */
public final class DedupTable {
    private final int initial;
    private final long windowMillis;
    private long[] hi;
    private long[] lo;
    private long[] seen;
    private boolean[] used;
    private int size;

    public DedupTable(Duration window) {
        this(window, 1 << 12);
    }

    /** {@code initial}: the smallest table, a power of two (it never shrinks below it). */
    DedupTable(Duration window, int initial) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("dedup window must not be negative: " + window);
        }
        if (Integer.bitCount(initial) != 1) {
            throw new IllegalArgumentException("initial size must be a power of two: " + initial);
        }
        this.windowMillis = window.toMillis();
        this.initial = initial;
        allocate(initial);
    }

    /** True when this report counts; records it. The reporter id is {@code bytes[from, to)}. */
    public boolean claim(String service, byte[] bytes, int from, int to, long epochMillis) {
        hash(service, bytes, from, to);
        return claim(h1, h2, epochMillis);
    }

    /** The last hash computed: two 64-bit halves. */
    private long h1;

    private long h2;

    private void hash(String service, byte[] bytes, int from, int to) {
        long a = 0x9E3779B97F4A7C15L ^ service.hashCode();
        long b = 0xC2B2AE3D27D4EB4FL + 31L * service.hashCode();
        int i = from;
        for (; i + 8 <= to; i += 8) { // eight bytes at a time
            long w = (long) LONGS.get(bytes, i);
            a = Long.rotateLeft((a ^ w) * 0x87C37B91114253D5L, 31);
            b = Long.rotateLeft((b + w) * 0x4CF5AD432745937FL, 27) ^ a;
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        a = mix(Long.rotateLeft((a ^ tail) * 0x87C37B91114253D5L, 31) ^ (to - from));
        h1 = a;
        h2 = mix((Long.rotateLeft((b + tail) * 0x4CF5AD432745937FL, 27) ^ a) + service.length());
    }

    private void hash(String service, String reporter) {
        byte[] b = reporter.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        hash(service, b, 0, b.length);
    }

    /** When this reporter last counted for this service, or {@link Long#MIN_VALUE} if not held. */
    long lastCounted(String service, String reporter) {
        hash(service, reporter);
        int i = find();
        return i < 0 || seen[i] == RELEASED ? Long.MIN_VALUE : seen[i];
    }

    /** Undoes a claim made at {@code epochMillis}: the key stays, as expired, until the next rebuild. */
    void release(String service, String reporter, long epochMillis) {
        hash(service, reporter);
        int i = find();
        if (i >= 0 && seen[i] == epochMillis) {
            seen[i] = RELEASED;
        }
    }

    /** Records a counted report from the store: the later of it and what is held wins. */
    void remember(String service, String reporter, long epochMillis) {
        hash(service, reporter);
        int i = find();
        if (i >= 0) {
            seen[i] = Math.max(seen[i], epochMillis);
        } else {
            insert(h1, h2, epochMillis);
        }
    }

    /** Drops every key counted before the window ending at {@code now}. */
    void prune(long now) {
        rebuild(now);
    }

    /** A released key: so long ago that it is outside any window, without overflow in {@code now - seen}. */
    private static final long RELEASED = Long.MIN_VALUE / 2;

    /** The slot of the last hash, or -1. */
    private int find() {
        int mask = used.length - 1;
        for (int i = (int) h1 & mask; used[i]; i = (i + 1) & mask) {
            if (hi[i] == h1 && lo[i] == h2) {
                return i;
            }
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The same for a reporter id held as a string (simulations, and the live window). */
    public boolean claim(String service, String reporter, long epochMillis) {
        hash(service, reporter);
        return claim(h1, h2, epochMillis);
    }

    private boolean claim(long k1, long k2, long t) {
        int mask = used.length - 1;
        int i = (int) k1 & mask;
        while (used[i]) {
            if (hi[i] == k1 && lo[i] == k2) {
                if (t - seen[i] < windowMillis) {
                    return false;
                }
                seen[i] = t;
                return true;
            }
            i = (i + 1) & mask;
        }
        put(i, k1, k2, t);
        return true;
    }

    private void insert(long k1, long k2, long t) {
        int mask = used.length - 1;
        int i = (int) k1 & mask;
        while (used[i]) {
            i = (i + 1) & mask;
        }
        put(i, k1, k2, t);
    }

    private void put(int i, long k1, long k2, long t) {
        used[i] = true;
        hi[i] = k1;
        lo[i] = k2;
        seen[i] = t;
        if (++size > used.length * 0.6) {
            rebuild(t);
        }
    }

    /**
     * Keeps the keys still inside the window, in a table sized so that they fill at most a quarter
     * of it (never below the initial size): it grows in a surge and shrinks after.
     */
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
        int capacity = initial;
        while (live > capacity / 4) {
            capacity <<= 1;
        }
        if (live == size && capacity == ou.length) {
            return; // nothing expired and the size is right: keep the arrays
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
