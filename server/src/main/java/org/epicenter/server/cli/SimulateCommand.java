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
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Write a simulated report stream (CSV for 'epicenter detect') and the outages it contains.")
final class SimulateCommand implements Callable<Integer> {
    @Option(
            names = "--scenario",
            defaultValue = "mixed",
            description =
                    "Built-in scenario: mixed (a week of real outage shapes and decoys), quiet (decoys only) or cascades "
                            + "(staggered, flapping and unlisted-dependency cascades). Default ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--out", required = true, description = "CSV to write: timestamp,service,country,problem,reporter.")
    Path out;

    @Option(names = "--truth", description = "JSON to write with every outage and decoy (service, times, size, shape).")
    Path truth;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Random seed (default ${DEFAULT-VALUE}); the same seed gives the same stream.")
    long seed;

    @Option(
            names = "--weeks",
            defaultValue = "1",
            description =
                    "Weeks to write (1-200, default ${DEFAULT-VALUE}): week w is the scenario "
                            + "with seed + w, shifted w weeks later (for large files: 6 weeks of mixed is about 11 million reports).")
    int weeks;

    @Override
    public Integer call() throws IOException {
        Scenario s;
        try {
            s = Scenarios.named(scenario, seed);
        } catch (IllegalArgumentException e) {
            System.err.println("epicenter simulate: " + e.getMessage());
            return 2;
        }
        if (weeks < 1 || weeks > 200) {
            System.err.println("epicenter simulate: --weeks must be 1-200, got " + weeks);
            return 2;
        }
        long[] rows = {0};
        var outages = new java.util.ArrayList<Scenario.Outage>();
        var decoys = new java.util.ArrayList<Scenario.Decoy>();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("timestamp,service,country,problem,reporter\n");
            for (int week = 0; week < weeks; week++) {
                Scenario one = week == 0
                        ? s
                        : shifted(Scenarios.named(scenario, seed + week), java.time.Duration.ofDays(7L * week));
                String prefix = week == 0 ? "" : "w" + week + "-";
                outages.addAll(one.outages());
                decoys.addAll(one.decoys());
                Simulator.generate(one, seed + week, r -> {
                    try {
                        w.write(r.timestamp().toString());
                        w.write(',');
                        w.write(r.service());
                        w.write(',');
                        w.write(r.country());
                        w.write(',');
                        w.write(r.problem().wireName());
                        w.write(',');
                        w.write(prefix);
                        w.write(r.reporter());
                        w.write('\n');
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    rows[0]++;
                });
            }
        }
        if (truth != null) {
            var doc = new LinkedHashMap<String, Object>();
            doc.put("scenario", s.name());
            doc.put("seed", seed);
            doc.put("start", s.start());
            doc.put("days", s.days() * weeks);
            doc.put("outages", outages);
            doc.put("decoys", decoys);
            Files.write(truth, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        }
        System.out.printf(
                "%d reports over %d days for %d services, %d outages, %d decoys: %s%n",
                rows[0], s.days() * weeks, s.services().size(), outages.size(), decoys.size(), out);
        return 0;
    }

    /** The scenario moved later by {@code by}: its start, outages and decoys. */
    private static Scenario shifted(Scenario s, java.time.Duration by) {
        return new Scenario(
                s.name(),
                s.start().plus(by),
                s.days(),
                s.services(),
                s.outages().stream()
                        .map(o -> new Scenario.Outage(
                                o.service(),
                                o.start().plus(by),
                                o.duration(),
                                o.multiple(),
                                o.shape(),
                                o.country(),
                                o.label(),
                                o.cause()))
                        .toList(),
                s.decoys().stream()
                        .map(d -> new Scenario.Decoy(
                                d.service(), d.start().plus(by), d.duration(), d.kind(), d.size(), d.label()))
                        .toList());
    }
}
