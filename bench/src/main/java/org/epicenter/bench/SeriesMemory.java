package org.epicenter.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.epicenter.detect.Detector;
import org.epicenter.model.Problem;

/**
 * How much heap one million active detection series take, and how long closing a minute over all
 * of them takes. Run with the heap capped to prove the fit:
 * {@code java -Xmx2g -cp bench/target/epicenter-bench.jar org.epicenter.bench.SeriesMemory 1000000 30}.
 *
 * <p>The detector keeps a series per service and one per service and country, so N services each
 * reported from one country make 2N series: the run uses half as many services as series. Every
 * series gets reports in every minute (one to three), so each holds a learned baseline, a tracker
 * and its tallies: the state of a live series, not of an empty one.
 */
public final class SeriesMemory {
    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int services = series / 2;
        String[] ids = new String[services];
        for (int i = 0; i < services; i++) {
            ids[i] = "service-" + i;
        }
        long before = usedAfterGc();
        var detector = Detector.defaults();
        long start = Instant.parse("2025-11-17T00:00:00Z").getEpochSecond() / 60;
        String[] countries = {"SA", "EG", "AE", "US", "GB"};
        Problem[] problems = Problem.values();
        long closeNanos = 0;
        for (int m = 0; m < minutes; m++) {
            long minute = start + m;
            long t0 = System.nanoTime();
            detector.advanceTo(minute); // closes the previous minute over every series
            if (m > 0) {
                closeNanos += System.nanoTime() - t0;
            }
            for (int i = 0; i < services; i++) {
                detector.addCount(
                        minute,
                        ids[i],
                        countries[i % countries.length],
                        problems[(i + m) % problems.length],
                        1 + i % 3);
            }
        }
        long used = usedAfterGc() - before;
        System.out.printf(
                "series=%d minutes=%d heap_used_MB=%.0f bytes_per_series=%.0f max_heap_MB=%d close_minute_ms=%.1f%n",
                series,
                minutes,
                used / 1e6,
                (double) used / series,
                Runtime.getRuntime().maxMemory() / (1 << 20),
                closeNanos / 1e6 / (minutes - 1));
        if (detector.incidents().size() > series) {
            System.out.println("unreachable"); // keeps the detector alive until after the measurement
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
