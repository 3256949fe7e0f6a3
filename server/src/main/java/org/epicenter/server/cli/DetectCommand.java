package org.epicenter.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogException;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.detect.ReportReplay;
import org.epicenter.server.Durations;
import org.epicenter.server.Epicenter;
import org.epicenter.server.http.Json;
import org.epicenter.server.replay.ReportCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epicenter detect}: offline replay of a report CSV through the same detection engine as the server. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Replay reports from CSV (timestamp,service,country,problem[,reporter]) and write the incidents found as JSON.")
final class DetectCommand implements Callable<Integer> {
    @Option(names = "--reports", required = true, description = "CSV of reports, sorted by time.")
    Path reports;

    @Option(names = "--out", required = true, description = "Where to write the incidents JSON.")
    Path out;

    @Option(
            names = "--catalog",
            description = "Operator catalog YAML (services missing from the catalog are accepted as ad-hoc services).")
    Path catalog;

    @Option(
            names = "--dedup-window",
            defaultValue = "30m",
            description =
                    "With a reporter column: one counted report per reporter per service per window (default ${DEFAULT-VALUE}).")
    String dedupWindow;

    /**
     * Two threads for a CSV: this one parses and deduplicates, a second one runs the detector on
     * the counted reports, handed over in batches, in order.
     */
    private static final class Pipeline {
        private static final int BATCH = 8192;
        private final java.util.concurrent.BlockingQueue<Batch> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(8);
        private final Thread worker;
        private volatile RuntimeException failure;
        private Batch batch = new Batch();

        private static final class Batch {
            final long[] millis = new long[BATCH];
            final String[] service = new String[BATCH];
            final String[] country = new String[BATCH];
            final org.epicenter.model.Problem[] problem = new org.epicenter.model.Problem[BATCH];
            int size;
        }

        Pipeline(ReportReplay replay) {
            worker = Thread.ofPlatform().name("epicenter-detect").start(() -> {
                try {
                    for (Batch b = queue.take(); b.size >= 0; b = queue.take()) {
                        for (int i = 0; i < b.size; i++) {
                            replay.count(b.millis[i], b.service[i], b.country[i], b.problem[i]);
                        }
                        if (b.size < BATCH) {
                            return; // the last one
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure = e;
                    queue.clear();
                }
            });
        }

        void add(long millis, String service, String country, org.epicenter.model.Problem problem) {
            Batch b = batch;
            int i = b.size++;
            b.millis[i] = millis;
            b.service[i] = service;
            b.country[i] = country;
            b.problem[i] = problem;
            if (b.size == BATCH) {
                put(b);
                batch = new Batch();
            }
        }

        private void put(Batch b) {
            try {
                while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (failure != null || !worker.isAlive()) {
                        throw failure != null ? failure : new IllegalStateException("the detector thread stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        /** Hands over the last (partial, possibly empty) batch and waits for the detector to finish it. */
        void finish() {
            put(batch);
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * An incident as written: the detector's fields and, when a common cause explains it,
     * {@code "epicenter": {"provider", "confidence"}} (null otherwise).
     */
    record Attributed(
            @com.fasterxml.jackson.annotation.JsonUnwrapped DetectedIncident incident,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
            org.epicenter.correlate.Correlator.Attribution epicenter) {}

    /** The common causes of the replay's incidents; the services seen in the CSV are the monitored ones. */
    private static org.epicenter.correlate.Correlator.Result correlate(
            org.epicenter.correlate.DependencyGraph catalog, List<DetectedIncident> incidents, ReportReplay replay) {
        java.time.Instant[] span = replay.span();
        if (span == null) {
            return null;
        }
        return new org.epicenter.correlate.Correlator(catalog)
                .correlate(incidents, replay.services(), span[0], span[1]);
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        try {
            // refuse a bad --catalog file before reading reports; without one, the default catalog's dependency graph
            // comes from its small resource (the YAML costs half a second of a cold JVM)
            org.epicenter.correlate.DependencyGraph graph = catalog != null
                    ? org.epicenter.correlate.DependencyGraph.of(
                            Catalog.of(Epicenter.catalogLayers(catalog), List.of()))
                    : org.epicenter.correlate.DependencyGraph.defaults();
            var replay = new ReportReplay(Durations.parse(dedupWindow));
            try (InputStream in = Files.newInputStream(reports)) {
                var detecting = new Pipeline(replay);
                try {
                    ReportCsv.read(
                            reports.toString(), in, (line, millis, service, country, problem, bytes, from, to) -> {
                                if (replay.claim(millis, service, bytes, from, to)) {
                                    detecting.add(millis, service, country, problem);
                                }
                            });
                } finally {
                    detecting.finish();
                }
            }
            List<DetectedIncident> incidents = replay.finish();
            var result = correlate(graph, incidents, replay);
            var document = new java.util.LinkedHashMap<String, Object>();
            document.put(
                    "incidents",
                    incidents.stream()
                            .map(i -> new Attributed(i, result == null ? null : result.of(i)))
                            .toList());
            document.put("causes", result == null ? List.of() : result.causes());
            document.put("candidateEdges", result == null ? List.of() : result.candidateEdges());
            Files.write(out, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%d reports read, %d counted, %d incidents written to %s (%.2f s, %.2f million reports/s after JVM start)%n",
                    replay.read(),
                    replay.counted(),
                    incidents.size(),
                    out,
                    seconds,
                    replay.read() / seconds / 1e6);
            return 0;
        } catch (ReportCsv.CsvException | CatalogException | IllegalArgumentException e) {
            System.err.println("epicenter detect: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            System.err.println("epicenter detect: file not found: " + e.getFile());
            return 2;
        } catch (IOException e) {
            System.err.println("epicenter detect: " + e.getMessage());
            return 2;
        }
    }
}
