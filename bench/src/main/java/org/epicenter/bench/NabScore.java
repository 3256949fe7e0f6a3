package org.epicenter.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * NAB's scoring (v1.1, as summarised in ../shared/nab/README.md), for our own loop: reads result
 * files in NAB's layout, sweeps every distinct score as the corpus-wide threshold, and prints the
 * best normalised score per profile.
 *
 * <pre>java -cp bench/target/epicenter-bench.jar org.epicenter.bench.NabScore ../shared/nab RESULTS_DIR/NAME</pre>
 *
 * For a file of n rows the first min(floor(0.15 n), 750) are probation and not scored. Inside a
 * window only the earliest detection counts, weighted by {@code A_TP * s(-(right - i + 1) / width)};
 * a window without one costs {@code A_FN}; a detection outside windows adds
 * {@code A_FP * s(distance past the previous window / (its width - 1))} (negative), or
 * {@code -A_FP} before any window, with {@code s(x) = 2 / (1 + e^(5x)) - 1} and -1 for x > 3.
 */
public final class NabScore {
    /** A_TP, A_FN, A_FP. */
    record Profile(String name, double tp, double fn, double fp) {}

    static final List<Profile> PROFILES = List.of(
            new Profile("standard", 1, 1, 0.11),
            new Profile("reward_low_FP_rate", 1, 1, 0.22),
            new Profile("reward_low_FN_rate", 1, 2, 0.11));

    /** One scored file: per row its score, its window (or -1) and its sigmoid weight; and the window count. */
    record Scored(String file, double[] score, int[] window, double[] weight, int windows) {}

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NabScore NAB_DIR RESULTS_DIR/NAME   (NAB_DIR holds combined_windows.json)");
            System.exit(2);
        }
        Path nab = Path.of(args[0]);
        Path results = Path.of(args[1]);
        String name = results.getFileName().toString();
        Map<String, List<List<String>>> windows = new ObjectMapper()
                .readValue(nab.resolve("combined_windows.json").toFile(), new TypeReference<>() {});
        List<Scored> files = new ArrayList<>();
        for (var e : new TreeMap<>(windows).entrySet()) {
            String[] parts = e.getKey().split("/");
            Path result = results.resolve(parts[0]).resolve(name + "_" + parts[1]);
            if (!Files.exists(result)) {
                if (Files.exists(nab.resolve("data").resolve(e.getKey()))) {
                    throw new IllegalStateException("missing result file " + result);
                }
                continue; // a file kept back from this subset
            }
            files.add(score(e.getKey(), result, e.getValue()));
        }
        for (Profile p : PROFILES) {
            double[] best = best(files, p);
            System.out.printf(
                    Locale.ROOT,
                    "%-20s %6.1f   (threshold %.6f, raw %.2f, null %.2f, perfect %.2f, files %d)%n",
                    p.name(),
                    best[0],
                    best[1],
                    best[2],
                    best[3],
                    best[4],
                    files.size());
        }
    }

    static Scored score(String key, Path result, List<List<String>> windowTexts) throws IOException {
        List<String> lines = Files.readAllLines(result);
        String[] header = lines.get(0).split(",");
        int ts = List.of(header).indexOf("timestamp");
        int sc = List.of(header).indexOf("anomaly_score");
        if (ts < 0 || sc < 0) {
            throw new IllegalStateException(result + ": needs timestamp and anomaly_score columns");
        }
        int n = lines.size() - 1;
        LocalDateTime[] time = new LocalDateTime[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            time[i] = LocalDateTime.parse(f[ts], TS);
            score[i] = Double.parseDouble(f[sc]);
            if (!Double.isFinite(score[i])) {
                throw new IllegalStateException(
                        result + " line " + (i + 2) + ": anomaly_score must be a finite number, got " + f[sc]);
            }
        }
        int[] window = new int[n];
        double[] weight = new double[n];
        java.util.Arrays.fill(window, -1);
        int w = 0;
        int prevRight = -1;
        int prevWidth = 0;
        List<int[]> limits = new ArrayList<>();
        for (List<String> wt : windowTexts) {
            LocalDateTime a = LocalDateTime.parse(wt.get(0), TS);
            LocalDateTime b = LocalDateTime.parse(wt.get(1), TS);
            int left = -1;
            int right = -1;
            for (int i = 0; i < n; i++) {
                if (!time[i].isBefore(a) && !time[i].isAfter(b)) {
                    if (left < 0) {
                        left = i;
                    }
                    right = i;
                }
            }
            limits.add(new int[] {left, right});
        }
        for (int i = 0; i < n; i++) {
            if (w < limits.size() && i >= limits.get(w)[0] && i <= limits.get(w)[1]) {
                int left = limits.get(w)[0];
                int right = limits.get(w)[1];
                int width = right - left + 1;
                window[i] = w;
                weight[i] = sigmoid(-(right - i + 1) / (double) width);
                if (i == right) {
                    prevRight = right;
                    prevWidth = width;
                    w++;
                }
            } else if (prevRight < 0) {
                weight[i] = -1.0;
            } else {
                weight[i] = sigmoid(Math.abs(i - prevRight) / (double) (prevWidth - 1));
            }
        }
        int probation = (int) Math.min(Math.floor(0.15 * n), 0.15 * 5000);
        for (int i = 0; i < probation; i++) {
            score[i] = Double.NEGATIVE_INFINITY; // never a detection
        }
        return new Scored(key, score, window, weight, limits.size());
    }

    static double sigmoid(double x) {
        return x > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
    }

    /**
     * [normalised, threshold, raw, null, perfect] at the best threshold for the profile. Sweeps the
     * rows of all files from the highest score down, adding one row's detection at a time: a
     * detection outside windows adds its (negative) FP weight; inside a window, the window's credit
     * is its earliest detection, which has the largest weight.
     */
    static double[] best(List<Scored> files, Profile p) {
        return best(files, p, 0);
    }

    /**
     * As {@link #best(List, Profile)}, but the highest threshold whose score is within {@code slack}
     * points of the best: of thresholds that score alike on the data at hand, the one that alarms
     * least (a cross-validated rule, docs/benchmarks.md).
     */
    static double[] best(List<Scored> files, Profile p, double slack) {
        int windows = 0;
        int rows = 0;
        for (Scored f : files) {
            windows += f.windows();
            rows += f.score().length;
        }
        double nullScore = -p.fn() * windows;
        double perfect = p.tp() * sigmoid(-1.0) * windows;
        double[] score = new double[rows];
        double[] weight = new double[rows];
        int[] window = new int[rows]; // global window number, or -1
        int r = 0;
        int base = 0;
        for (Scored f : files) {
            for (int i = 0; i < f.score().length; i++, r++) {
                score[r] = f.score()[i];
                weight[r] = f.weight()[i];
                window[r] = f.window()[i] < 0 ? -1 : base + f.window()[i];
            }
            base += f.windows();
        }
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double[] credit = new double[windows];
        java.util.Arrays.fill(credit, Double.NaN);
        double raw = nullScore;
        double[] best = {0, Double.POSITIVE_INFINITY, nullScore, nullScore, perfect};
        var steps = new java.util.ArrayList<double[]>(); // [normalised, threshold, raw] after each distinct score
        for (int k = 0; k < rows; ) {
            double t = score[order[k]];
            if (t == Double.NEGATIVE_INFINITY) {
                break; // probation rows are never detections
            }
            for (; k < rows && score[order[k]] == t; k++) {
                int i = order[k];
                int w = window[i];
                if (w < 0) {
                    raw += p.fp() * weight[i];
                } else if (Double.isNaN(credit[w])) {
                    credit[w] = p.tp() * weight[i];
                    raw += p.fn() + credit[w];
                } else if (p.tp() * weight[i] > credit[w]) {
                    raw += p.tp() * weight[i] - credit[w];
                    credit[w] = p.tp() * weight[i];
                }
            }
            double normalised = 100 * (raw - nullScore) / (perfect - nullScore);
            if (normalised > best[0]) {
                best = new double[] {normalised, t, raw, nullScore, perfect};
            }
            if (slack > 0) {
                steps.add(new double[] {normalised, t, raw});
            }
        }
        for (double[] step : steps) { // highest threshold first
            if (step[0] >= best[0] - slack) {
                return new double[] {step[0], step[1], step[2], nullScore, perfect};
            }
        }
        return best;
    }

    /** One file's raw score at a fixed threshold. */
    static double raw(Scored f, double threshold, Profile p) {
        double total = 0;
        double[] credit = new double[f.windows()];
        java.util.Arrays.fill(credit, Double.NaN);
        for (int i = 0; i < f.score().length; i++) {
            if (f.score()[i] >= threshold) {
                int w = f.window()[i];
                if (w < 0) {
                    total += p.fp() * f.weight()[i];
                } else if (Double.isNaN(credit[w])) {
                    credit[w] = p.tp() * f.weight()[i];
                }
            }
        }
        for (double c : credit) {
            total += Double.isNaN(c) ? -p.fn() : c;
        }
        return total;
    }

    static Stream<Path> csvs(Path dir) throws IOException {
        return Files.walk(dir).filter(x -> x.toString().endsWith(".csv")).sorted();
    }
}
