package org.epicenter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.epicenter.detect.ContextDetector;
import org.epicenter.detect.MetricDetector;
import org.epicenter.detect.MetricEnsemble;

/**
 * Experiments with NAB in memory: score arrays of several detectors over the whole subset, their
 * per-file breakdown and combinations, without result files.
 * {@code java -cp bench/target/epicenter-bench.jar org.epicenter.bench.NabLab ../shared/nab}
 */
final class NabLab {
    /** One NAB file: its rows and the scorer's view of its windows. */
    record Data(String key, long[] seconds, double[] values, NabScore.Scored windows) {
    }

    final List<Data> files = new ArrayList<>();

    NabLab(Path nab) throws IOException {
        Map<String, List<List<String>>> windows = new ObjectMapper().readValue(
                nab.resolve("combined_windows.json").toFile(), new TypeReference<>() { });
        Path tmp = Files.createTempFile("nablab", ".csv");
        for (var e : new TreeMap<>(windows).entrySet()) {
            Path data = nab.resolve("data").resolve(e.getKey());
            if (!Files.exists(data)) {
                continue;
            }
            List<String> lines = Files.readAllLines(data);
            int n = lines.size() - 1;
            long[] seconds = new long[n];
            double[] values = new double[n];
            var out = new StringBuilder("timestamp,value,anomaly_score\n");
            for (int i = 0; i < n; i++) {
                String[] f = lines.get(i + 1).split(",");
                seconds[i] = LocalDateTime.parse(f[0].replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
                values[i] = Double.parseDouble(f[1]);
                out.append(f[0]).append(',').append(f[1]).append(",0\n");
            }
            Files.writeString(tmp, out);
            files.add(new Data(e.getKey(), seconds, values, NabScore.score(e.getKey(), tmp, e.getValue())));
        }
        Files.delete(tmp);
    }

    /** Scores of one detector, file by file. */
    List<double[]> run(Function<Data, NabLoop.Scorer> detectors) {
        return files.parallelStream().map(d -> {
            var s = detectors.apply(d);
            double[] out = new double[d.values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = s.score(d.seconds[i], d.values[i]);
            }
            return out;
        }).toList();
    }

    List<NabScore.Scored> scored(List<double[]> scores) {
        List<NabScore.Scored> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            var w = files.get(i).windows;
            double[] s = scores.get(i).clone();
            for (int k = 0; k < s.length; k++) {
                if (w.score()[k] == Double.NEGATIVE_INFINITY) {
                    s[k] = Double.NEGATIVE_INFINITY;
                }
            }
            out.add(new NabScore.Scored(w.file(), s, w.window(), w.weight(), w.windows()));
        }
        return out;
    }

    /** [standard normalised, its threshold]. */
    double[] standard(List<double[]> scores) {
        return NabScore.best(scored(scores), NabScore.PROFILES.get(0));
    }

    String profiles(List<double[]> scores) {
        var s = scored(scores);
        var r = new StringBuilder();
        for (var p : NabScore.PROFILES) {
            double[] b = NabScore.best(s, p);
            r.append(String.format(Locale.ROOT, "%s %.1f (t %.4f)  ", p.name(), b[0], b[1]));
        }
        return r.toString();
    }

    void breakdown(String[] names, List<List<double[]>> detectors) {
        double[] t = new double[names.length];
        List<List<NabScore.Scored>> s = new ArrayList<>();
        for (int d = 0; d < names.length; d++) {
            s.add(scored(detectors.get(d)));
            t[d] = NabScore.best(s.get(d), NabScore.PROFILES.get(0))[1];
        }
        System.out.printf("%-55s %3s", "file", "win");
        for (String n : names) {
            System.out.printf(" %8s", n);
        }
        System.out.println();
        for (int i = 0; i < files.size(); i++) {
            System.out.printf(Locale.ROOT, "%-55s %3d", files.get(i).key, files.get(i).windows.windows());
            for (int d = 0; d < names.length; d++) {
                System.out.printf(Locale.ROOT, " %8.2f", NabScore.raw(s.get(d).get(i), t[d], NabScore.PROFILES.get(0)));
            }
            System.out.println();
        }
    }

    public static void main(String[] args) throws IOException {
        var lab = new NabLab(Path.of(args.length > 0 ? args[0] : "../shared/nab"));
        if (args.length > 1 && args[1].equals("robust")) { // the robust view's constants, judged inside the ensemble
            var c0 = lab.run(d -> ContextDetector.ranged(60, 300)::score);
            var q0 = lab.run(d -> ContextDetector.ranked(60, 500)::score);
            double tc = lab.standard(c0)[1];
            double tq = lab.standard(q0)[1];
            for (int history : new int[] {200, 400, 800}) {
                for (int quiet : new int[] {50, 100, 300}) {
                    for (int memory : new int[] {1000, 3000, 10000}) {
                        for (double weight : new double[] {0.75, 1.0}) {
                            var r0 = lab.run(d -> new MetricDetector(history, 6, quiet, 4.0, memory, weight)::score);
                            double tr = lab.standard(r0)[1];
                            List<double[]> e = new ArrayList<>();
                            for (int i = 0; i < c0.size(); i++) {
                                double[] y = new double[c0.get(i).length];
                                for (int k = 0; k < y.length; k++) {
                                    double a1 = r0.get(i)[k] / tr;
                                    double a2 = c0.get(i)[k] / tc;
                                    double a3 = q0.get(i)[k] / tq;
                                    y[k] = Math.sqrt(Math.sqrt(a1 * a1 * a1 * a1 + a2 * a2 * a2 * a2 + a3 * a3 * a3 * a3));
                                }
                                e.add(y);
                            }
                            System.out.printf(Locale.ROOT, "history %d quiet %d memory %d weight %.2f: alone %.1f ensemble %.1f%n",
                                    history, quiet, memory, weight, lab.standard(r0)[0], lab.standard(e)[0]);
                        }
                    }
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("combine")) {
            var r0 = lab.run(d -> new MetricDetector()::score);
            var c0 = lab.run(d -> ContextDetector.ranged(60, 300)::score);
            var q0 = lab.run(d -> ContextDetector.ranked(60, 500)::score);
            double tr = lab.standard(r0)[1];
            double tc = lab.standard(c0)[1];
            double tq = lab.standard(q0)[1];
            for (double p : new double[] {1, 2, 4, 8, 1000}) {
                for (double wc : new double[] {0.8, 1.0, 1.2}) {
                    for (double wq : new double[] {0.8, 1.0, 1.2}) {
                        List<double[]> e = new ArrayList<>();
                        for (int i = 0; i < c0.size(); i++) {
                            double[] y = new double[c0.get(i).length];
                            for (int k = 0; k < y.length; k++) {
                                double a1 = r0.get(i)[k] / tr;
                                double a2 = wc * c0.get(i)[k] / tc;
                                double a3 = wq * q0.get(i)[k] / tq;
                                y[k] = p >= 1000 ? Math.max(a1, Math.max(a2, a3))
                                        : Math.pow(Math.pow(a1, p) + Math.pow(a2, p) + Math.pow(a3, p), 1 / p);
                            }
                            e.add(y);
                        }
                        System.out.printf(Locale.ROOT, "p %.0f wc %.1f wq %.1f: %.1f%n", p, wc, wq, lab.standard(e)[0]);
                    }
                }
            }
            return;
        }
        var robust = lab.run(d -> new MetricDetector()::score);
        var ranged = lab.run(d -> ContextDetector.ranged(60, 300)::score);
        var ranked = lab.run(d -> ContextDetector.ranked(60, 500)::score);
        var daily = lab.run(d -> ContextDetector.rangedByTimeOfDay(60, 300, 24)::score);
        var ahead = lab.run(d -> ContextDetector.withRange(60, Arrays.stream(d.values).min().orElse(0),
                Arrays.stream(d.values).max().orElse(0))::score);
        var ensemble = lab.run(d -> new MetricEnsemble()::score);
        System.out.println("robust (MetricDetector)       " + lab.profiles(robust));
        System.out.println("context, ranged (first 300)   " + lab.profiles(ranged));
        System.out.println("context, ranked (last 500)    " + lab.profiles(ranked));
        System.out.println("context, ranged + hour of day " + lab.profiles(daily));
        System.out.println("context, whole-file range (looks ahead, for comparison only) " + lab.profiles(ahead));
        System.out.println("ensemble (MetricEnsemble)     " + lab.profiles(ensemble));
        System.out.printf(Locale.ROOT, "best thresholds: robust %.9f ranged %.9f ranked %.9f hourly %.9f%n",
                lab.standard(robust)[1], lab.standard(ranged)[1], lab.standard(ranked)[1], lab.standard(daily)[1]);
        if (args.length > 1 && args[1].equals("breakdown")) {
            lab.breakdown(new String[] {"robust", "ranged", "ranked", "hourly", "ahead", "ensemble"},
                    List.of(robust, ranged, ranked, daily, ahead, ensemble));
        }
    }
}
