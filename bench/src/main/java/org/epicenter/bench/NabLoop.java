package org.epicenter.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.epicenter.detect.MetricDetector;

/**
 * The development loop for {@link MetricDetector} on NAB: runs it over every data file in memory and
 * prints the three profile scores, without writing result files.
 * {@code java -cp bench/target/epicenter-bench.jar org.epicenter.bench.NabLoop ../shared/nab}
 */
public final class NabLoop {
    public static void main(String[] args) throws IOException {
        Path nab = Path.of(args.length > 0 ? args[0] : "../shared/nab");
        if (args.length > 1 && args[1].equals("sweep")) {
            for (int memory : new int[] {3000, 10000, 30000}) {
                for (double weight : new double[] {1.0, 1.1, 1.25}) {
                    var scores = run(nab, () -> new MetricDetector(400, 6, 100, 4, memory, weight), false);
                    System.out.printf(Locale.ROOT, "memory %d weight %.2f: %s%n", memory, weight, scores);
                }
            }
            return;
        }
        System.out.println(run(nab, MetricDetector::new, args.length > 1));
    }

    /** One detector's scoring function. */
    interface Scorer {
        double score(long epochSecond, double value);
    }

    static String run(Path nab, java.util.function.Supplier<MetricDetector> detectors, boolean breakdown)
            throws IOException {
        return run(nab, v -> detectors.get()::score, breakdown);
    }

    static String run(Path nab, java.util.function.Function<double[], Scorer> detectors, boolean breakdown)
            throws IOException {
        Map<String, List<List<String>>> windows = new ObjectMapper()
                .readValue(nab.resolve("combined_windows.json").toFile(), new TypeReference<>() {});
        Path tmp = Files.createTempDirectory("nabloop");
        Path results = tmp.resolve("loop");
        List<NabScore.Scored> files = new ArrayList<>();
        for (var e : new TreeMap<>(windows).entrySet()) {
            Path data = nab.resolve("data").resolve(e.getKey());
            if (!Files.exists(data)) {
                continue;
            }
            List<String> lines = Files.readAllLines(data);
            var detector = detectors.apply(lines.subList(1, lines.size()).stream()
                    .mapToDouble(l -> Double.parseDouble(l.split(",")[1]))
                    .toArray());
            var out = new StringBuilder("timestamp,value,anomaly_score\n");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                out.append(f[0])
                        .append(',')
                        .append(f[1])
                        .append(',')
                        .append(String.format(
                                Locale.ROOT,
                                "%.9f",
                                detector.score(
                                        java.time.LocalDateTime.parse(f[0].replace(' ', 'T'))
                                                .toEpochSecond(java.time.ZoneOffset.UTC),
                                        Double.parseDouble(f[1]))))
                        .append('\n');
            }
            String[] parts = e.getKey().split("/");
            Path file = results.resolve(parts[0]).resolve("loop_" + parts[1]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, out);
            files.add(NabScore.score(e.getKey(), file, e.getValue()));
        }
        var result = new StringBuilder();
        for (var p : NabScore.PROFILES) {
            double[] best = NabScore.best(files, p);
            result.append(String.format(Locale.ROOT, "%s %.1f (threshold %.6f)  ", p.name(), best[0], best[1]));
        }
        if (breakdown) { // per-file breakdown at the standard threshold
            double t = NabScore.best(files, NabScore.PROFILES.get(0))[1];
            for (var f : files) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-55s windows %d  raw %.2f%n",
                        f.file(),
                        f.windows(),
                        NabScore.raw(f, t, NabScore.PROFILES.get(0)));
            }
        }
        return result.toString();
    }
}
