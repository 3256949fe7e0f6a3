package org.epicenter.server.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.epicenter.detect.MetricEnsemble;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code epicenter nab}: runs the general-metric detector over data in the Numenta Anomaly
 * Benchmark's layout and writes result files the official scorer reads.
 */
@Command(
        name = "nab",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score NAB-layout data (DIR/<category>/<file>.csv with timestamp,value) with the general-metric detector,",
            "one file at a time, strictly causally, and write OUT/<name>/<category>/<name>_<file>.csv with",
            "timestamp,value,anomaly_score: the layout NAB's scorer reads."
        })
final class NabCommand implements Callable<Integer> {
    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(
            names = "--data",
            required = true,
            description = "NAB's data folder, or a folder that holds one named data.")
    Path data;

    @Option(names = "--out", required = true, description = "Results folder; files go under OUT/<name>/.")
    Path out;

    @Option(
            names = "--name",
            defaultValue = "epicenter",
            description = "Detector name in the results (no '_'; default ${DEFAULT-VALUE}).")
    String name;

    /** A malformed input file. */
    static final class NabException extends RuntimeException {
        NabException(Path file, long line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    @Override
    public Integer call() {
        if (name.isEmpty() || !name.matches("[A-Za-z0-9.-]+")) {
            System.err.println(
                    "epicenter nab: --name must be letters, digits, '.' or '-' (NAB splits file names at '_'), got \""
                            + name + "\"");
            return 2;
        }
        Path root = Files.isDirectory(data.resolve("data")) ? data.resolve("data") : data;
        try {
            if (!Files.isDirectory(root)) {
                throw new NoSuchFileException(root.toString());
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root, 2)) {
                files = walk.filter(p -> p.getNameCount() == root.getNameCount() + 2
                                && p.toString().endsWith(".csv"))
                        .sorted()
                        .toList();
            }
            if (files.isEmpty()) {
                System.err.println("epicenter nab: no <category>/<file>.csv under " + root);
                return 2;
            }
            long rows = 0;
            for (Path file : files) {
                String category = file.getParent().getFileName().toString();
                Path target = out.resolve(name).resolve(category).resolve(name + "_" + file.getFileName());
                Files.createDirectories(target.getParent());
                rows += score(file, target);
            }
            System.out.printf("%d files, %d rows scored; results in %s%n", files.size(), rows, out.resolve(name));
            return 0;
        } catch (NabException e) {
            System.err.println("epicenter nab: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            System.err.println("epicenter nab: not found: " + e.getFile());
            return 2;
        } catch (IOException e) {
            System.err.println("epicenter nab: " + e.getMessage());
            return 2;
        }
    }

    /** One file through a fresh detector; returns the rows written. */
    static long score(Path file, Path target) throws IOException {
        var detector = new MetricEnsemble();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals("timestamp,value")) {
                throw new NabException(
                        file,
                        1,
                        "header must be timestamp,value, got "
                                + (header == null ? "an empty file" : "\"" + header + "\""));
            }
            w.write("timestamp,value,anomaly_score\n");
            long line = 1;
            long rows = 0;
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                line++;
                if (raw.isBlank()) {
                    continue;
                }
                int comma = raw.indexOf(',');
                if (comma < 0 || raw.indexOf(',', comma + 1) >= 0) {
                    throw new NabException(file, line, "expected 2 fields, timestamp,value");
                }
                String ts = raw.substring(0, comma).strip();
                long second;
                try {
                    second = LocalDateTime.parse(ts, NAB_TIME).toEpochSecond(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new NabException(file, line, "timestamp \"" + ts + "\" is not like 2014-04-10 07:15:00");
                }
                // Rows are scored in file order, as NAB does (one of its files has an hour out of order);
                // the timestamp only places a row in its day.
                String text = raw.substring(comma + 1).strip();
                double value;
                try {
                    value = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new NabException(file, line, "value \"" + text + "\" is not a number");
                }
                if (!Double.isFinite(value)) {
                    throw new NabException(file, line, "value \"" + text + "\" is not a finite number");
                }
                w.write(ts);
                w.write(',');
                w.write(text);
                w.write(',');
                w.write(String.format(Locale.ROOT, "%.9f", detector.score(second, value)));
                w.write('\n');
                rows++;
            }
            return rows;
        }
    }
}
