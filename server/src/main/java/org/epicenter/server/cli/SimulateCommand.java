package org.epicenter.server.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.epicenter.server.http.Json;
import org.epicenter.simulate.Scenario;
import org.epicenter.simulate.Scenarios;
import org.epicenter.simulate.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epicenter simulate}: writes a scenario's report stream as CSV, and its truth as JSON. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a simulated report stream (CSV for 'epicenter detect') and the outages it contains.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "mixed", description = "Built-in scenario: mixed (a week of real outage shapes and decoys) or quiet (decoys only). Default ${DEFAULT-VALUE}.")
    String scenario;
    @Option(names = "--out", required = true, description = "CSV to write: timestamp,service,country,problem,reporter.")
    Path out;
    @Option(names = "--truth", description = "JSON to write with every outage and decoy (service, times, size, shape).")
    Path truth;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}); the same seed gives the same stream.")
    long seed;

    @Override
    public Integer call() throws IOException {
        Scenario s;
        try {
            s = Scenarios.named(scenario, seed);
        } catch (IllegalArgumentException e) {
            System.err.println("epicenter simulate: " + e.getMessage());
            return 2;
        }
        long[] rows = {0};
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("timestamp,service,country,problem,reporter\n");
            Simulator.generate(s, seed, r -> {
                try {
                    w.write(r.timestamp().toString());
                    w.write(',');
                    w.write(r.service());
                    w.write(',');
                    w.write(r.country());
                    w.write(',');
                    w.write(r.problem().wireName());
                    w.write(',');
                    w.write(r.reporter());
                    w.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                rows[0]++;
            });
        }
        if (truth != null) {
            var doc = new LinkedHashMap<String, Object>();
            doc.put("scenario", s.name());
            doc.put("seed", seed);
            doc.put("start", s.start());
            doc.put("days", s.days());
            doc.put("outages", s.outages());
            doc.put("decoys", s.decoys());
            Files.write(truth, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        }
        System.out.printf("%d reports over %d days for %d services, %d outages, %d decoys: %s%n", rows[0], s.days(),
                s.services().size(), s.outages().size(), s.decoys().size(), out);
        return 0;
    }
}
