package org.epicenter.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.epicenter.store.sqlite.SqliteStorage;

/**
 * What a durable append costs the writer thread, by batch size, without HTTP: the numbers behind
 * the group committer's design (docs/benchmarks.md). Usage: java -cp epicenter-bench.jar
 * org.epicenter.bench.SqliteAppendCost
 */
public final class SqliteAppendCost {
    private static final String[] SERVICES = {
        "whatsapp", "x", "chatgpt", "facebook", "instagram", "venmo", "snapchat", "reddit", "stc", "talabat"
    };

    public static void main(String[] args) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        Instant t0 = Instant.parse("2025-11-18T11:20:00Z");
        for (int batch : new int[] {1, 20, 200}) {
            Path dir = Files.createTempDirectory("epicenter-append-cost");
            try (var store = SqliteStorage.open(dir)) {
                int n = batch == 1 ? 20_000 : 200_000;
                for (int round = 0; round < 2; round++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long wall0 = System.nanoTime();
                    for (int i = 0; i < n; i += batch) {
                        var reports = new ArrayList<Report>(batch);
                        for (int j = 0; j < batch; j++) {
                            int k = i + j;
                            reports.add(new Report(
                                    t0.plusMillis(k),
                                    SERVICES[k % SERVICES.length],
                                    Problem.APP,
                                    "SA",
                                    String.format("%032x", k + round * 10_000_000L),
                                    true));
                        }
                        store.reports().append(reports);
                    }
                    System.out.printf(
                            "batch %3d, round %d: %6.1f us wall, %6.1f us writer CPU per report%n",
                            batch,
                            round,
                            (System.nanoTime() - wall0) / 1000.0 / n,
                            (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n);
                }
            }
        }
    }
}
