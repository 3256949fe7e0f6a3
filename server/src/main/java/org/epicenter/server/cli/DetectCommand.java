package org.epicenter.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replay reports from CSV (timestamp,service,country,problem[,reporter]) and write the incidents found as JSON.")
final class DetectCommand implements Callable<Integer> {
    @Option(names = "--reports", required = true, description = "CSV of reports, sorted by time.")
    Path reports;
    @Option(names = "--out", required = true, description = "Where to write the incidents JSON.")
    Path out;
    @Option(names = "--catalog", description = "Operator catalog YAML (services missing from the catalog are accepted as ad-hoc services).")
    Path catalog;
    @Option(names = "--dedup-window", defaultValue = "30m", description = "With a reporter column: one counted report per reporter per service per window (default ${DEFAULT-VALUE}).")
    String dedupWindow;

    @Override
    public Integer call() {
        try {
            Catalog.of(Epicenter.catalogLayers(catalog), List.of()); // refuse a bad --catalog file before reading reports
            var replay = new ReportReplay(Durations.parse(dedupWindow));
            try (InputStream in = Files.newInputStream(reports)) {
                ReportCsv.read(reports.toString(), in, (line, millis, service, country, problem, bytes, from, to) ->
                        replay.accept(millis, service, country, problem, bytes, from, to));
            }
            List<DetectedIncident> incidents = replay.finish();
            Files.write(out, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("incidents", incidents)));
            System.out.printf("%d reports read, %d counted, %d incidents written to %s%n", replay.read(), replay.counted(),
                    incidents.size(), out);
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
