package org.epicenter.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.epicenter.ingest.DedupWindow;

/**
 * Heap the live dedup window keeps for N distinct reporters in one window (a surge), after GC.
 * {@code java -Xmx4g -cp bench/target/epicenter-bench.jar org.epicenter.bench.DedupMemory 1000000}
 */
public final class DedupMemory {
    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        var random = new Random(1);
        String[] ids = new String[n]; // reporter ids as ReporterHasher makes them: 32 hex digits
        byte[] b = new byte[16];
        for (int i = 0; i < n; i++) {
            random.nextBytes(b);
            ids[i] = HexFormat.of().formatHex(b);
        }
        Instant t = Instant.parse("2026-11-30T12:00:00Z");
        long before = used();
        var w = new DedupWindow(Duration.ofMinutes(30));
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            w.claim("whatsapp", List.of(ids[i]), t.plusMillis(i));
        }
        long ns = System.nanoTime() - start;
        long after = used();
        System.out.printf(
                Locale.ROOT,
                "%d reporters: %.1f MB retained by the window (%.0f bytes each; the id strings are"
                        + " held by this program, not by the window), %.0f ns per claim (one thread, cold), %d keys%n",
                n,
                (after - before) / 1e6,
                (after - before) / (double) n,
                ns / (double) n,
                w.size());
    }
}
