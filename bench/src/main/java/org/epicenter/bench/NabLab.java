package org.epicenter.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.epicenter.detect.ContextDetector;
import org.epicenter.detect.MetricDetector;
import org.epicenter.detect.MetricEnsemble;
import org.epicenter.detect.SeasonEnvelope;

/**
 * Experiments with NAB in memory: score arrays of several detectors over the whole subset, their
 * per-file breakdown and combinations, without result files.
 * {@code java -cp bench/target/epicenter-bench.jar org.epicenter.bench.NabLab ../shared/nab}
 */
final class NabLab {
    /** One NAB file: its rows and the scorer's view of its windows. */
    record Data(String key, long[] seconds, double[] values, NabScore.Scored windows) {}

    final List<Data> files = new ArrayList<>();

    NabLab(Path nab) throws IOException {
        Map<String, List<List<String>>> windows = new ObjectMapper()
                .readValue(nab.resolve("combined_windows.json").toFile(), new TypeReference<>() {});
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
        return files.parallelStream()
                .map(d -> {
                    var s = detectors.apply(d);
                    double[] out = new double[d.values.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = s.score(d.seconds[i], d.values[i]);
                    }
                    return out;
                })
                .toList();
    }

    List<NabScore.Scored> scored(List<double[]> scores) {
        List<NabScore.Scored> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            var w = files.get(i).windows;
            double[] s = scores.get(i).clone();
            for (int k = 0; k < s.length; k++) {
                if (Double.isNaN(s[k])) {
                    throw new IllegalStateException(w.file() + " row " + k + ": a detector gave NaN");
                }
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
            System.out.printf(
                    Locale.ROOT,
                    "%-55s %3d",
                    files.get(i).key,
                    files.get(i).windows.windows());
            for (int d = 0; d < names.length; d++) {
                System.out.printf(Locale.ROOT, " %8.2f", NabScore.raw(s.get(d).get(i), t[d], NabScore.PROFILES.get(0)));
            }
            System.out.println();
        }
    }

    /** The scores of MetricEnsemble's five views, in its order: robust, ranged, ranked, hour of day, season (new peaks only). */
    List<List<double[]>> views() {
        return List.of(
                run(d -> new MetricDetector()::score),
                run(d -> ContextDetector.ranged(150, 300).growingRest(0.03)::score),
                run(d -> ContextDetector.ranked(150, 500).growingRest(0.03)::score),
                run(d -> ContextDetector.rangedByTimeOfDay(150, 300, 24).growingRest(0.03)::score),
                peaks(run(d -> SeasonEnvelope.weekly()::score), 60, 0));
    }

    /** Views joined as MetricEnsemble joins them: each over its own best threshold, then a 4-norm. */
    List<double[]> combine(List<List<double[]>> views) {
        return joined(views, views.stream().mapToDouble(v -> standard(v)[1]).toArray());
    }

    /** Each view divided by its bar, then the 4-norm: a soft maximum. */
    private List<double[]> joined(List<List<double[]>> views, double[] bars) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            double[] y = new double[views.get(0).get(i).length];
            for (int k = 0; k < y.length; k++) {
                double sum = 0;
                for (int v = 0; v < views.size(); v++) {
                    double a = views.get(v).get(i)[k] / bars[v];
                    sum += a * a * a * a;
                }
                y[k] = Math.sqrt(Math.sqrt(sum));
            }
            out.add(y);
        }
        return out;
    }

    /** Each step that does not top every one of the last {@code m} steps scaled by {@code keep}, as MetricEnsemble does with 0. */
    static List<double[]> peaks(List<double[]> scores, int m, double keep) {
        List<double[]> out = new ArrayList<>();
        for (double[] x : scores) {
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                double before = 0;
                for (int j = Math.max(0, k - m); j < k; j++) {
                    before = Math.max(before, x[j]);
                }
                y[k] = x[k] > before ? x[k] : keep * x[k];
            }
            out.add(y);
        }
        return out;
    }

    /** As {@link #peaks} with 0, over the last max(floor, min(cap, per × k)) steps at step k. */
    static List<double[]> peaksGrowing(List<double[]> scores, int floor, double per, int cap) {
        List<double[]> out = new ArrayList<>();
        for (double[] x : scores) {
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                int m = Math.max(floor, Math.min(cap, (int) (per * k)));
                double before = 0;
                for (int j = Math.max(0, k - m); j < k; j++) {
                    before = Math.max(before, x[j]);
                }
                y[k] = x[k] > before ? x[k] : 0;
            }
            out.add(y);
        }
        return out;
    }

    /**
     * {@code inner}, silenced on a value that at least {@code k} of the last {@code n} values matched
     * or passed on the same side of their median: a spike the series has often reached lately is not news.
     */
    static NabLoop.Scorer seen(NabLoop.Scorer inner, int n, int k) {
        double[] ring = new double[n];
        double[] sorted = new double[n];
        int[] state = new int[2]; // filled, next
        return (t, v) -> {
            double s = inner.score(t, v);
            int filled = state[0];
            if (filled > 0 && s > 0) {
                double median = sorted[filled / 2];
                int beyond = v >= median ? filled - lowerBound(sorted, filled, v) : upperBound(sorted, filled, v);
                if (beyond >= k) {
                    s = 0;
                }
            }
            if (filled == n) {
                int at = lowerBound(sorted, filled, ring[state[1]]);
                System.arraycopy(sorted, at + 1, sorted, at, filled - at - 1);
                filled--;
            }
            ring[state[1]] = v;
            state[1] = (state[1] + 1) % n;
            int at = lowerBound(sorted, filled, v);
            System.arraycopy(sorted, at, sorted, at + 1, filled - at);
            sorted[at] = v;
            state[0] = filled + 1;
            return s;
        };
    }

    private static int lowerBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A scorer fed the mean of the last {@code n} values instead of the value. */
    static NabLoop.Scorer smoothed(NabLoop.Scorer inner, int n) {
        double[] last = new double[n];
        int[] seen = {0};
        return (t, v) -> {
            last[seen[0]++ % n] = v;
            int k = Math.min(seen[0], n);
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += last[i];
            }
            return inner.score(t, sum / k);
        };
    }

    /**
     * A scorer fed the value minus what the same hour of the week held in the last weeks (the median
     * of up to three weekly means); silent until the slot has a past week.
     */
    static NabLoop.Scorer weekly(NabLoop.Scorer inner) {
        int slots = 168;
        double[][] means = new double[slots][3];
        long[][] weeks = new long[slots][3];
        for (long[] w : weeks) {
            Arrays.fill(w, Long.MIN_VALUE);
        }
        double[] sum = new double[slots];
        int[] count = new int[slots];
        long[] current = new long[slots];
        Arrays.fill(current, Long.MIN_VALUE);
        return (t, v) -> {
            int slot = (int) Math.floorMod(Math.floorDiv(t, 3600), (long) slots);
            long week = Math.floorDiv(t, 604_800);
            if (current[slot] != week) {
                if (count[slot] > 0) { // close the slot's last week
                    System.arraycopy(means[slot], 0, means[slot], 1, 2);
                    System.arraycopy(weeks[slot], 0, weeks[slot], 1, 2);
                    means[slot][0] = sum[slot] / count[slot];
                    weeks[slot][0] = current[slot];
                }
                current[slot] = week;
                sum[slot] = 0;
                count[slot] = 0;
            }
            sum[slot] += v;
            count[slot]++;
            double[] past = new double[3];
            int n = 0;
            for (int i = 0; i < 3; i++) {
                if (weeks[slot][i] != Long.MIN_VALUE && week - weeks[slot][i] <= 3) {
                    past[n++] = means[slot][i];
                }
            }
            if (n == 0) {
                return 0;
            }
            Arrays.sort(past, 0, n);
            double expected = n == 2 ? (past[0] + past[1]) / 2 : past[n / 2];
            return inner.score(t, v - expected);
        };
    }

    /**
     * The mean of the last {@code span} seconds against the same span {@code period} seconds earlier
     * (the median of up to {@code periods} earlier periods), in robust deviations of that difference's
     * own last {@code history} values; 0 until a period has passed. Holds all {@code rows} values of a file.
     */
    static NabLoop.Scorer seasonalLevel(long period, long span, int periods, int history, int rows) {
        long[] t = new long[rows];
        double[] prefix = new double[rows + 1];
        int[] n = {0};
        double[] ring = new double[history];
        int[] filled = {0};
        double[] scratch = new double[history];
        return (time, v) -> {
            int k = n[0]++;
            t[k] = time;
            prefix[k + 1] = prefix[k] + v;
            double now = mean(t, prefix, k, time - span);
            double[] past = new double[periods];
            int m = 0;
            for (int j = 1; j <= periods; j++) {
                int end = upTo(t, k, time - j * period);
                if (end < 0 || time - j * period - t[end] >= span) {
                    break;
                }
                past[m++] = mean(t, prefix, end, time - j * period - span);
            }
            if (m == 0) {
                return 0;
            }
            Arrays.sort(past, 0, m);
            double d = now - (m % 2 == 1 ? past[m / 2] : (past[m / 2 - 1] + past[m / 2]) / 2);
            double z = 0;
            int f = Math.min(filled[0], history);
            if (f >= 30) {
                System.arraycopy(ring, 0, scratch, 0, f);
                Arrays.sort(scratch, 0, f);
                double med = scratch[f / 2];
                for (int i = 0; i < f; i++) {
                    scratch[i] = Math.abs(scratch[i] - med);
                }
                Arrays.sort(scratch, 0, f);
                double mad = Math.max(scratch[f / 2] * 1.4826, 1e-9);
                z = Math.abs(d - med) / mad;
            }
            ring[filled[0]++ % history] = d;
            return z / (1 + z);
        };
    }

    /**
     * The mean of the last {@code span} seconds against the same span one, two … {@code periods}
     * periods earlier: 0 inside their envelope (between the lowest and the highest of them), else how
     * far outside as a share of the nearest edge, r, scored r / (1 + r). Silent until every earlier
     * period has data.
     */
    static NabLoop.Scorer envelope(long period, long span, int periods, int rows) {
        long[] t = new long[rows];
        double[] prefix = new double[rows + 1];
        int[] n = {0};
        return (time, v) -> {
            int k = n[0]++;
            t[k] = time;
            prefix[k + 1] = prefix[k] + v;
            double now = mean(t, prefix, k, time - span);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int j = 1; j <= periods; j++) {
                int end = upTo(t, k, time - j * period);
                if (end < 0 || time - j * period - t[end] >= span) {
                    return 0;
                }
                double past = mean(t, prefix, end, time - j * period - span);
                lo = Math.min(lo, past);
                hi = Math.max(hi, past);
            }
            double r = now < lo
                    ? (lo - now) / Math.max(Math.abs(lo), 1e-9)
                    : now > hi ? (now - hi) / Math.max(Math.abs(hi), 1e-9) : 0;
            return r / (1 + r);
        };
    }

    /**
     * {@link #envelope}, as a share of the largest score it gave more than {@code gap} steps ago
     * (x = score / that largest, scored x / (1 + x)): only a record for this series speaks, so a
     * series whose weeks differ a lot needs a larger difference than one whose weeks repeat.
     */
    static NabLoop.Scorer envelopeRecord(long period, long span, int periods, int rows, int gap) {
        var inner = envelope(period, span, periods, rows);
        double[] past = new double[rows];
        int[] n = {0};
        double[] best = {0};
        return (time, v) -> {
            int k = n[0]++;
            double r = inner.score(time, v);
            past[k] = r;
            if (k - gap >= 0) {
                best[0] = Math.max(best[0], past[k - gap]);
            }
            if (r <= 0 || best[0] <= 0) {
                return 0;
            }
            double x = r / best[0];
            return x / (1 + x);
        };
    }

    /**
     * A scorer fed one value per {@code k} steps: the block's mean, or with {@code extreme} the block's
     * value farthest from the running mean of block means (spikes survive); it scores at the block's
     * last step, 0 between.
     */
    static NabLoop.Scorer downsampled(NabLoop.Scorer inner, int k, boolean extreme) {
        double[] block = new double[k];
        int[] n = {0};
        double[] running = {Double.NaN};
        return (t, v) -> {
            block[n[0]++] = v;
            if (n[0] < k) {
                return 0;
            }
            n[0] = 0;
            double sum = 0;
            for (double b : block) {
                sum += b;
            }
            double mean = sum / k;
            running[0] = Double.isNaN(running[0]) ? mean : (running[0] + mean) / 2;
            double fed = mean;
            if (extreme) {
                for (double b : block) {
                    if (Math.abs(b - running[0]) > Math.abs(fed - running[0])) {
                        fed = b;
                    }
                }
            }
            return inner.score(t, fed);
        };
    }

    /**
     * The robust view on the residual from the same phase of the series' own period: after
     * {@code learn} steps the lag (2..{@code maxLag}) with the highest autocorrelation is taken as
     * the period if that autocorrelation reaches {@code minAcf}; the residual is the value minus the
     * median of the values one, two and three periods back. NaN (no opinion) without a period.
     */
    static NabLoop.Scorer periodic(int learn, int maxLag, double minAcf, int rows) {
        double[] v = new double[rows];
        int[] n = {0};
        int[] lag = {0};
        MetricDetector[] md = {null};
        return (time, value) -> {
            int k = n[0]++;
            v[k] = value;
            if (k + 1 < learn) {
                return Double.NaN;
            }
            if (k + 1 == learn) {
                double mean = 0;
                for (int i = 0; i < learn; i++) {
                    mean += v[i];
                }
                mean /= learn;
                double var = 0;
                for (int i = 0; i < learn; i++) {
                    var += (v[i] - mean) * (v[i] - mean);
                }
                double best = minAcf;
                for (int l = 2; l <= maxLag && var > 0; l++) {
                    double c = 0;
                    for (int i = l; i < learn; i++) {
                        c += (v[i] - mean) * (v[i - l] - mean);
                    }
                    double acf = c / var;
                    if (acf > best) {
                        best = acf;
                        lag[0] = l;
                    }
                }
                if (lag[0] == 0) {
                    return Double.NaN;
                }
                md[0] = new MetricDetector();
                for (int i = 3 * lag[0]; i < k; i++) { // catch up on what is already known
                    md[0].score(0, residual(v, i, lag[0]));
                }
            }
            if (md[0] == null || k < 3 * lag[0]) {
                return Double.NaN;
            }
            return md[0].score(time, residual(v, k, lag[0]));
        };
    }

    private static double residual(double[] v, int k, int lag) {
        double a = v[k - lag];
        double b = v[k - 2 * lag];
        double c = v[k - 3 * lag];
        double median = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        return v[k] - median;
    }

    /** The mean of values with time in (from, t[k]]. */
    private static double mean(long[] t, double[] prefix, int k, long from) {
        int first = upTo(t, k, from) + 1;
        return (prefix[k + 1] - prefix[first]) / (k + 1 - first);
    }

    /** The last index i <= k with t[i] <= time, or -1. */
    private static int upTo(long[] t, int k, long time) {
        int lo = 0;
        int hi = k + 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The files of {@code category} (its folder under data/), or of every other category. */
    private List<Integer> category(String category, boolean in) {
        var out = new ArrayList<Integer>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).key.startsWith(category + "/") == in) {
                out.add(i);
            }
        }
        return out;
    }

    private static <T> List<T> pick(List<T> all, List<Integer> which) {
        return which.stream().map(all::get).toList();
    }

    /** [standard normalised, threshold] over some files only, the threshold within {@code slack} points of the best. */
    private double[] standard(List<double[]> scores, List<Integer> which, double slack) {
        return NabScore.best(pick(scored(scores), which), NabScore.PROFILES.get(0), slack);
    }

    /** The views joined over the bars given, as MetricEnsemble joins them, then only new peaks of the last {@code peak} steps. */
    private List<double[]> join(List<List<double[]>> views, double[] bars, int peak) {
        return peaks(joined(views, bars), peak, 0);
    }

    /**
     * Leave one category out (issue 18): for each category, every constant chosen on the data is
     * chosen on the other categories only (each view's bar, the new-peak span among 30/60/120 steps,
     * the final threshold), and the category is scored at those constants. The pooled figure sums
     * every file's raw score at the constants of the fold that left it out, normalised over all.
     */
    static void crossValidate(NabLab lab) {
        var views = lab.views();
        for (double slack : new double[] {0, 1}) {
            System.out.printf(
                    Locale.ROOT,
                    "== thresholds: the highest within %.0f points of the best on the training categories%n",
                    slack);
            crossValidate(lab, views, slack);
        }
    }

    static void crossValidate(NabLab lab, List<List<double[]>> views, double slack) {
        var p = NabScore.PROFILES.get(0);
        var scoredNames = new java.util.TreeSet<String>();
        lab.files.forEach(f -> scoredNames.add(f.key.substring(0, f.key.indexOf('/'))));
        double pooledRaw = 0;
        int pooledWindows = 0;
        System.out.printf(
                Locale.ROOT,
                "%-22s %5s %7s %6s %9s %9s %8s %s%n",
                "left out",
                "files",
                "windows",
                "peak",
                "train",
                "left out",
                "FP rows",
                "(the same category at constants chosen on all five)");
        var everything = lab.category("", false); // no key starts with "/": every file
        double[] allBars = views.stream()
                .mapToDouble(v -> lab.standard(v, everything, slack)[1])
                .toArray();
        int allPeak = 60;
        double allBest = Double.NEGATIVE_INFINITY;
        for (int peak : new int[] {30, 60, 120}) { // the same procedure on every file: what ships
            double b = lab.standard(lab.join(views, allBars, peak), everything, slack)[0];
            if (b > allBest) {
                allBest = b;
                allPeak = peak;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "on all 31 files the procedure picks a new-peak span of %d steps (%.1f)%n",
                allPeak,
                allBest);
        var allJoined = lab.join(views, allBars, allPeak);
        double allT = lab.standard(allJoined, everything, slack)[1];
        for (String c : scoredNames) {
            var train = lab.category(c, false);
            var test = lab.category(c, true);
            double[] bars = views.stream()
                    .mapToDouble(v -> lab.standard(v, train, slack)[1])
                    .toArray();
            int bestPeak = 0;
            double bestTrain = Double.NEGATIVE_INFINITY;
            double t = 0;
            List<double[]> chosen = null;
            for (int peak : new int[] {30, 60, 120}) {
                var joined = lab.join(views, bars, peak);
                double[] b = lab.standard(joined, train, slack);
                if (b[0] > bestTrain) {
                    bestTrain = b[0];
                    bestPeak = peak;
                    t = b[1];
                    chosen = joined;
                }
            }
            var scored = lab.scored(chosen);
            var allScored = lab.scored(allJoined);
            double raw = 0;
            double rawAll = 0;
            int windows = 0;
            int fpRows = 0;
            for (int i : test) {
                raw += NabScore.raw(scored.get(i), t, p);
                rawAll += NabScore.raw(allScored.get(i), allT, p);
                windows += scored.get(i).windows();
                for (int k = 0; k < scored.get(i).score().length; k++) {
                    if (scored.get(i).score()[k] >= t && scored.get(i).window()[k] < 0) {
                        fpRows++;
                    }
                }
            }
            pooledRaw += raw;
            pooledWindows += windows;
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %5d %7d %6d %9.1f %9s %8d %s%n",
                    c,
                    test.size(),
                    windows,
                    bestPeak,
                    bestTrain,
                    windows == 0
                            ? String.format(Locale.ROOT, "raw %.2f", raw)
                            : String.format(Locale.ROOT, "%.1f", normalised(raw, windows, p)),
                    fpRows,
                    windows == 0
                            ? String.format(Locale.ROOT, "raw %.2f", rawAll)
                            : String.format(Locale.ROOT, "%.1f", normalised(rawAll, windows, p)));
        }
        System.out.printf(
                Locale.ROOT,
                "pooled, every file at its fold's constants: %.1f (at constants chosen on all 31 files: %.1f)%n",
                normalised(pooledRaw, pooledWindows, p),
                lab.standard(allJoined, everything, slack)[0]);
    }

    private static double normalised(double raw, int windows, NabScore.Profile p) {
        double nullScore = -p.fn() * windows;
        double perfect = p.tp() * NabScore.sigmoid(-1.0) * windows;
        return 100 * (raw - nullScore) / (perfect - nullScore);
    }

    public static void main(String[] args) throws IOException {
        var lab = new NabLab(Path.of(args.length > 0 ? args[0] : "../shared/nab"));
        if (args.length > 1
                && args[1].equals("cv")) { // leave one category out: constants chosen on the others, scored on it
            crossValidate(lab);
            return;
        }
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
                                    y[k] = Math.sqrt(
                                            Math.sqrt(a1 * a1 * a1 * a1 + a2 * a2 * a2 * a2 + a3 * a3 * a3 * a3));
                                }
                                e.add(y);
                            }
                            System.out.printf(
                                    Locale.ROOT,
                                    "history %d quiet %d memory %d weight %.2f: alone %.1f ensemble %.1f%n",
                                    history,
                                    quiet,
                                    memory,
                                    weight,
                                    lab.standard(r0)[0],
                                    lab.standard(e)[0]);
                        }
                    }
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("extra")) { // a fifth view, alone and inside the ensemble
            var base = lab.views();
            Map<String, Function<Data, NabLoop.Scorer>> candidates = new java.util.LinkedHashMap<>();
            candidates.put("hour of week", d -> ContextDetector.rangedByClock(60, 300, 3600, 168)::score);
            candidates.put("half hour of day", d -> ContextDetector.rangedByTimeOfDay(60, 300, 48)::score);
            candidates.put("ranged, mean of 3", d -> smoothed(ContextDetector.ranged(60, 300)::score, 3));
            candidates.put("ranged, mean of 6", d -> smoothed(ContextDetector.ranged(60, 300)::score, 6));
            candidates.put("robust, mean of 6", d -> smoothed(new MetricDetector()::score, 6));
            candidates.put("robust on last weeks' residual", d -> weekly(new MetricDetector()::score));
            candidates.put("ranged on last weeks' residual", d -> weekly(ContextDetector.ranged(60, 300)::score));
            System.out.println("four views: " + lab.profiles(lab.combine(base)) + "| new peaks only "
                    + lab.profiles(peaks(lab.combine(base), 60, 0)));
            for (var c : candidates.entrySet()) {
                var extra = lab.run(c.getValue());
                var five = new ArrayList<>(base);
                five.add(extra);
                System.out.println(c.getKey() + ": alone " + lab.profiles(extra) + "| five views "
                        + lab.profiles(lab.combine(five)) + "| five views, new peaks only "
                        + lab.profiles(peaks(lab.combine(five), 60, 0)));
            }
            return;
        }
        if (args.length > 2
                && args[1].equals(
                        "events")) { // for files whose key contains args[2]: each view's loudest step per window and
            // outside
            var base = lab.views();
            var joined = peaks(lab.combine(base), 60, 0);
            String[] names = {"robust", "ranged", "ranked", "hourly", "season"};
            double[] bars = base.stream().mapToDouble(v -> lab.standard(v)[1]).toArray();
            double tj = lab.standard(joined)[1];
            for (int i = 0; i < lab.files.size(); i++) {
                var d = lab.files.get(i);
                if (!d.key.contains(args[2])) {
                    continue;
                }
                var w = d.windows;
                System.out.println(d.key + " (joined bar " + String.format(Locale.ROOT, "%.3f", tj) + ")");
                for (int v = 0; v <= base.size(); v++) {
                    double[] x = v < base.size() ? base.get(v).get(i) : joined.get(i);
                    double bar = v < base.size() ? bars[v] : tj;
                    var line = new StringBuilder(String.format("  %-7s", v < base.size() ? names[v] : "joined"));
                    for (int win = -1; win < w.windows(); win++) {
                        double top = 0;
                        int at = -1;
                        for (int k = 0; k < x.length; k++) {
                            if (w.score()[k] != Double.NEGATIVE_INFINITY && w.window()[k] == win && x[k] / bar > top) {
                                top = x[k] / bar;
                                at = k;
                            }
                        }
                        int count = 0;
                        for (int k = 0; k < x.length; k++) {
                            count += w.score()[k] != Double.NEGATIVE_INFINITY && w.window()[k] == win && x[k] >= bar
                                    ? 1
                                    : 0;
                        }
                        line.append(String.format(
                                Locale.ROOT,
                                " | %s %.2f at %d (%.2f) n>=1: %d",
                                win < 0 ? "outside" : "w" + win,
                                top,
                                at,
                                at >= 0 ? w.weight()[at] : 0,
                                count));
                    }
                    System.out.println(line);
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("positions")) { // where the ensemble's detections fall, by step
            var scores = lab.scored(lab.run(d -> new MetricEnsemble()::score));
            double t = NabScore.best(scores, NabScore.PROFILES.get(0))[1];
            int[] fp = new int[21];
            int[] tp = new int[21];
            for (var f : scores) {
                boolean[] caught = new boolean[f.windows()];
                for (int k = 0; k < f.score().length; k++) {
                    if (f.score()[k] >= t) {
                        int w = f.window()[k];
                        if (w < 0) {
                            fp[Math.min(k / 250, 20)]++;
                        } else if (!caught[w]) {
                            caught[w] = true;
                            tp[Math.min(k / 250, 20)]++;
                        }
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "threshold %.4f: %d false-positive rows, %d windows caught%n",
                    t,
                    Arrays.stream(fp).sum(),
                    Arrays.stream(tp).sum());
            for (int b = 0; b < 21; b++) {
                System.out.printf(
                        Locale.ROOT,
                        "steps %5d%s: false positives %3d, first detections %3d%n",
                        b * 250,
                        b == 20 ? "+" : "-" + (b * 250 + 249),
                        fp[b],
                        tp[b]);
            }
            return;
        }
        if (args.length > 1 && args[1].equals("periodic")) { // the robust view, explained by the series' own period
            var base = lab.views();
            var robust = base.get(0);
            for (int maxLag : new int[] {50, 300}) {
                for (double minAcf : new double[] {0.3, 0.5}) {
                    var per = lab.run(d -> periodic(600, maxLag, minAcf, d.values.length));
                    List<double[]> alone = new ArrayList<>();
                    List<double[]> least = new ArrayList<>();
                    for (int i = 0; i < per.size(); i++) {
                        double[] p = per.get(i);
                        double[] r = robust.get(i);
                        double[] a = new double[p.length];
                        double[] m = new double[p.length];
                        for (int k = 0; k < p.length; k++) {
                            a[k] = Double.isNaN(p[k]) ? 0 : p[k];
                            m[k] = Double.isNaN(p[k]) ? r[k] : Math.min(r[k], p[k]);
                        }
                        alone.add(a);
                        least.add(m);
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "max lag %d, acf %.1f: periodic alone %s| robust explained by the period, alone %s%n",
                            maxLag,
                            minAcf,
                            lab.profiles(alone),
                            lab.profiles(least));
                    System.out.println("  in place of robust, new peaks "
                            + lab.profiles(
                                    peaks(lab.combine(List.of(least, base.get(1), base.get(2), base.get(3))), 60, 0)));
                    System.out.println("  periodic as a fifth view, new peaks "
                            + lab.profiles(peaks(
                                    lab.combine(List.of(robust, base.get(1), base.get(2), base.get(3), alone)),
                                    60,
                                    0)));
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("fatigue")) { // a series that has alarmed often needs more to alarm again
            var joined = peaks(lab.combine(lab.views()), 60, 0);
            System.out.println("new peaks: " + lab.profiles(joined));
            for (int span : new int[] {2000, 5000, Integer.MAX_VALUE}) {
                for (double r : new double[] {1.0, 1.2}) {
                    for (double beta : new double[] {0.05, 0.1, 0.2, 0.4}) {
                        List<double[]> out = new ArrayList<>();
                        for (double[] x : joined) {
                            double[] y = new double[x.length];
                            int[] at = new int[x.length];
                            int n = 0;
                            int from = 0;
                            for (int k = 0; k < x.length; k++) {
                                while (from < n && at[from] < (long) k - span) {
                                    from++;
                                }
                                y[k] = x[k] / (1 + beta * (n - from));
                                if (x[k] >= r) {
                                    at[n++] = k;
                                }
                            }
                            out.add(y);
                        }
                        System.out.printf(
                                Locale.ROOT, "span %d, loud %.1f, beta %.2f: %s%n", span, r, beta, lab.profiles(out));
                    }
                }
            }
            return;
        }
        if (args.length > 1
                && args[1].equals(
                        "season")) { // the mean of the last hours against the same hours of earlier weeks or days
            var base = lab.views();
            System.out.println("four views, new peaks: " + lab.profiles(peaks(lab.combine(base), 60, 0)));
            for (long period : new long[] {604_800, 86_400}) {
                for (long span : new long[] {3600, 4 * 3600, 12 * 3600}) {
                    for (int periods : new int[] {1, 3}) {
                        var view =
                                peaks(lab.run(d -> seasonalLevel(period, span, periods, 500, d.values.length)), 60, 0);
                        var five = new ArrayList<>(base);
                        five.add(view);
                        System.out.printf(
                                Locale.ROOT,
                                "period %d span %d periods %d: alone %s| fifth, new peaks %s%n",
                                period,
                                span,
                                periods,
                                lab.profiles(view),
                                lab.profiles(peaks(lab.combine(five), 60, 0)));
                    }
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("coarse")) { // context views on one value per k steps
            var base = lab.views();
            System.out.println("four views, new peaks: " + lab.profiles(peaks(lab.combine(base), 60, 0)));
            for (int k : new int[] {3, 6}) {
                for (boolean extreme : new boolean[] {false, true}) {
                    int rest = Math.max(2, 60 / k);
                    int cal = 300 / k;
                    var ranged = lab.run(d -> downsampled(ContextDetector.ranged(rest, cal)::score, k, extreme));
                    var hourly = lab.run(
                            d -> downsampled(ContextDetector.rangedByTimeOfDay(rest, cal, 24)::score, k, extreme));
                    var five = new ArrayList<>(base);
                    five.add(ranged);
                    var six = new ArrayList<>(five);
                    six.add(hourly);
                    System.out.printf(
                            Locale.ROOT,
                            "k %d extreme %s: ranged alone %s| hourly alone %s| fifth ranged %s| fifth and sixth %s| coarse ranged in place %s%n",
                            k,
                            extreme,
                            lab.profiles(ranged),
                            lab.profiles(hourly),
                            lab.profiles(peaks(lab.combine(five), 60, 0)),
                            lab.profiles(peaks(lab.combine(six), 60, 0)),
                            lab.profiles(
                                    peaks(lab.combine(List.of(base.get(0), ranged, base.get(2), base.get(3))), 60, 0)));
                }
            }
            return;
        }
        if (args.length > 1
                && args[1].equals("spread")) { // how far the subset score moves when constants move a little
            var robust = lab.run(d -> new MetricDetector()::score);
            var ranked = lab.run(d -> ContextDetector.ranked(60, 500)::score);
            for (int cal : new int[] {280, 300, 320}) {
                var ranged = lab.run(d -> ContextDetector.ranged(60, cal)::score);
                var hourly = lab.run(d -> ContextDetector.rangedByTimeOfDay(60, cal, 24)::score);
                System.out.printf(
                        Locale.ROOT,
                        "calibration %d, rank window 500: %s%n",
                        cal,
                        lab.profiles(peaks(lab.combine(List.of(robust, ranged, ranked, hourly)), 60, 0)));
                if (cal == 300) {
                    for (int window : new int[] {450, 550}) {
                        var ranked2 = lab.run(d -> ContextDetector.ranked(60, window)::score);
                        System.out.printf(
                                Locale.ROOT,
                                "calibration 300, rank window %d: %s%n",
                                window,
                                lab.profiles(peaks(lab.combine(List.of(robust, ranged, ranked2, hourly)), 60, 0)));
                    }
                    for (int rest : new int[] {55, 65}) {
                        var ranged3 = lab.run(d -> ContextDetector.ranged(rest, cal)::score);
                        var ranked3 = lab.run(d -> ContextDetector.ranked(rest, 500)::score);
                        var hourly3 = lab.run(d -> ContextDetector.rangedByTimeOfDay(rest, cal, 24)::score);
                        System.out.printf(
                                Locale.ROOT,
                                "calibration 300, context rest %d: %s%n",
                                rest,
                                lab.profiles(peaks(lab.combine(List.of(robust, ranged3, ranked3, hourly3)), 60, 0)));
                    }
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("agree")) { // a step that only one view finds loud counts less
            var base = lab.views();
            double[] bars = base.stream().mapToDouble(v -> lab.standard(v)[1]).toArray();
            var joined = lab.combine(base);
            System.out.println("new peaks: " + lab.profiles(peaks(joined, 60, 0)));
            for (double g : new double[] {0.3, 0.5, 0.7}) {
                for (double h : new double[] {0.6, 0.8, 0.9}) {
                    List<double[]> out = new ArrayList<>();
                    for (int i = 0; i < joined.size(); i++) {
                        double[] y = joined.get(i).clone();
                        for (int k = 0; k < y.length; k++) {
                            double first = 0;
                            double second = 0;
                            for (int v = 0; v < base.size(); v++) {
                                double a = base.get(v).get(i)[k] / bars[v];
                                if (a > first) {
                                    second = first;
                                    first = a;
                                } else if (a > second) {
                                    second = a;
                                }
                            }
                            if (second < g) {
                                y[k] *= h;
                            }
                        }
                        out.add(y);
                    }
                    System.out.printf(
                            Locale.ROOT, "second below %.1f: x%.1f: %s%n", g, h, lab.profiles(peaks(out, 60, 0)));
                }
            }
            return;
        }
        if (args.length > 1
                && args[1].equals("ahead")) { // upper bound: the whole-file range (looks ahead) inside the ensemble
            var base = lab.views();
            var ahead = lab.run(d -> ContextDetector.withRange(
                    60,
                    Arrays.stream(d.values).min().orElse(0),
                    Arrays.stream(d.values).max().orElse(0))::score);
            System.out.println("in place of ranged, new peaks "
                    + lab.profiles(peaks(lab.combine(List.of(base.get(0), ahead, base.get(2), base.get(3))), 60, 0)));
            System.out.println("fifth, new peaks "
                    + lab.profiles(peaks(
                            lab.combine(List.of(base.get(0), base.get(1), base.get(2), base.get(3), ahead)), 60, 0)));
            System.out.println("robust + ahead, new peaks "
                    + lab.profiles(peaks(lab.combine(List.of(base.get(0), ahead)), 60, 0)));
            return;
        }
        if (args.length > 1 && args[1].equals("alltime")) { // ranks among every value so far instead of the last 500
            var base = lab.views();
            var robust = base.get(0);
            var ranged = base.get(1);
            var ranked = base.get(2);
            var hourly = base.get(3);
            var all = lab.run(d -> ContextDetector.ranked(60, d.values.length)::score);
            System.out.println("ranks among all so far, alone: " + lab.profiles(all));
            System.out.println("in place of ranked, new peaks: "
                    + lab.profiles(peaks(lab.combine(List.of(robust, ranged, all, hourly)), 60, 0)));
            System.out.println("as a fifth view, new peaks:    "
                    + lab.profiles(peaks(lab.combine(List.of(robust, ranged, ranked, hourly, all)), 60, 0)));
            System.out.println("in place of ranged, new peaks: "
                    + lab.profiles(peaks(lab.combine(List.of(robust, all, ranked, hourly)), 60, 0)));
            return;
        }
        if (args.length > 1
                && args[1].equals("weeklyswap")) { // the robust view on last weeks' residual in place of the plain one
            var base = lab.views();
            var ranged = base.get(1);
            var ranked = base.get(2);
            var hourly = base.get(3);
            var residual = lab.run(d -> weekly(new MetricDetector()::score));
            var hybrid = lab.run(d -> {
                var plain = new MetricDetector();
                var weeks = weekly(new MetricDetector()::score);
                long[] first = {Long.MIN_VALUE};
                return (t, v) -> {
                    if (first[0] == Long.MIN_VALUE) {
                        first[0] = t;
                    }
                    double p0 = plain.score(t, v);
                    double w = weeks.score(t, v);
                    return t - first[0] >= 604_800 ? w : p0; // plain for the first week, then the residual
                };
            });
            System.out.println("hybrid alone " + lab.profiles(hybrid));
            System.out.println("residual ranged ranked hourly: "
                    + lab.profiles(lab.combine(List.of(residual, ranged, ranked, hourly))));
            System.out.println("hybrid ranged ranked hourly:   "
                    + lab.profiles(lab.combine(List.of(hybrid, ranged, ranked, hourly))));
            return;
        }
        if (args.length > 1 && args[1].equals("peaks")) { // only a new maximum of the last m steps speaks
            var four = lab.combine(lab.views());
            System.out.println("four views: " + lab.profiles(four));
            if (args.length > 2
                    && args[2].equals("relative")) { // a peak must also reach r times the loudest of the M steps before
                var p60 = peaks(four, 60, 0);
                for (int big : new int[] {500, 2000}) {
                    for (double r : new double[] {0.5, 0.7, 0.9, 1.0}) {
                        List<double[]> out = new ArrayList<>();
                        for (int f = 0; f < four.size(); f++) {
                            double[] x = four.get(f);
                            double[] y = p60.get(f).clone();
                            for (int k = 0; k < x.length; k++) {
                                double loudest = 0;
                                for (int j = Math.max(0, k - big); j < k - 60; j++) {
                                    loudest = Math.max(loudest, x[j]);
                                }
                                if (y[k] < r * loudest) {
                                    y[k] = 0;
                                }
                            }
                            out.add(y);
                        }
                        System.out.printf(Locale.ROOT, "M %d, r %.1f: %s%n", big, r, lab.profiles(out));
                    }
                }
                return;
            }
            for (int m : new int[] {2, 5, 10, 20, 60, 120}) {
                for (double keep : new double[] {0, 0.5, 0.9}) {
                    System.out.printf(
                            Locale.ROOT, "m %d, others kept x%.1f: %s%n", m, keep, lab.profiles(peaks(four, m, keep)));
                }
            }
            return;
        }
        if (args.length > 1
                && args[1].equals("swap")) { // views fed the mean of the last six values, in place of the plain ones
            var base = lab.views();
            var robust = base.get(0);
            var ranged = base.get(1);
            var ranked = base.get(2);
            var hourly = base.get(3);
            var ranged6 = lab.run(d -> smoothed(ContextDetector.ranged(60, 300)::score, 6));
            var ranked6 = lab.run(d -> smoothed(ContextDetector.ranked(60, 500)::score, 6));
            var hourly6 = lab.run(d -> smoothed(ContextDetector.rangedByTimeOfDay(60, 300, 24)::score, 6));
            System.out.println("ranked6 alone " + lab.profiles(ranked6) + "| hourly6 alone " + lab.profiles(hourly6));
            System.out.println("robust ranged6 ranked hourly:  "
                    + lab.profiles(lab.combine(List.of(robust, ranged6, ranked, hourly))));
            System.out.println("robust ranged6 ranked hourly6: "
                    + lab.profiles(lab.combine(List.of(robust, ranged6, ranked, hourly6))));
            System.out.println("robust ranged ranked hourly6:  "
                    + lab.profiles(lab.combine(List.of(robust, ranged, ranked, hourly6))));
            System.out.println("robust ranged6 ranked6 hourly6: "
                    + lab.profiles(lab.combine(List.of(robust, ranged6, ranked6, hourly6))));
            System.out.println("robust ranged ranked6 hourly:  "
                    + lab.profiles(lab.combine(List.of(robust, ranged, ranked6, hourly))));
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
                                y[k] = p >= 1000
                                        ? Math.max(a1, Math.max(a2, a3))
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
        if (args.length > 1
                && args[1].equals("rest")) { // the context views' rest after an alarm, alone and in the ensemble
            var robust = lab.run(d -> new MetricDetector()::score);
            for (int rest : new int[] {60, 90, 120, 150}) {
                var ranged = lab.run(d -> ContextDetector.ranged(rest, 300)::score);
                var ranked = lab.run(d -> ContextDetector.ranked(rest, 500)::score);
                var daily = lab.run(d -> ContextDetector.rangedByTimeOfDay(rest, 300, 24)::score);
                var ahead = lab.run(d -> ContextDetector.withRange(
                        rest,
                        Arrays.stream(d.values).min().orElse(0),
                        Arrays.stream(d.values).max().orElse(0))::score);
                var joined = lab.combine(List.of(robust, ranged, ranked, daily));
                System.out.printf(
                        Locale.ROOT,
                        "rest %d: ranged %.1f ranked %.1f hourly %.1f ahead %.1f | ensemble, new peaks over 60: %s| over %d: %s%n",
                        rest,
                        lab.standard(ranged)[0],
                        lab.standard(ranked)[0],
                        lab.standard(daily)[0],
                        lab.standard(ahead)[0],
                        lab.profiles(peaks(joined, 60, 0)),
                        rest,
                        lab.profiles(peaks(joined, rest, 0)));
            }
            return;
        }
        if (args.length > 1
                && args[1].equals(
                        "envelope")) { // the last hours against the envelope of the same hours in earlier weeks
            var base = lab.views().subList(0, 4); // the four views before the season view
            System.out.println("shipped: " + lab.profiles(peaks(lab.combine(base), 60, 0)));
            for (long span : new long[] {4 * 3600, 8 * 3600, 12 * 3600}) {
                for (int periods : new int[] {2, 3, 4}) {
                    var view = peaks(lab.run(d -> envelope(604_800, span, periods, d.values.length)), 60, 0);
                    var five = new ArrayList<>(base);
                    five.add(view);
                    var joined = peaks(lab.combine(five), 60, 0);
                    System.out.printf(
                            Locale.ROOT,
                            "span %d h, %d weeks: alone %s| fifth, new peaks %s%n",
                            span / 3600,
                            periods,
                            lab.profiles(view),
                            lab.profiles(joined));
                    if (args.length > 2) {
                        lab.breakdown(new String[] {"envelope", "joined"}, List.of(view, joined));
                    }
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("record")) { // the weekly envelope, as a share of its own earlier largest
            var base = lab.views().subList(0, 4); // the four views before the season view
            System.out.println("shipped: " + lab.profiles(peaks(lab.combine(base), 60, 0)));
            for (long span : new long[] {4 * 3600, 8 * 3600, 12 * 3600}) {
                for (int periods : new int[] {3, 4}) {
                    for (int gap : new int[] {50, 200}) {
                        var view = peaks(
                                lab.run(d -> envelopeRecord(604_800, span, periods, d.values.length, gap)), 60, 0);
                        var five = new ArrayList<>(base);
                        five.add(view);
                        var joined = peaks(lab.combine(five), 60, 0);
                        System.out.printf(
                                Locale.ROOT,
                                "span %d h, %d weeks, gap %d: alone %s| fifth, new peaks %s%n",
                                span / 3600,
                                periods,
                                gap,
                                lab.profiles(view),
                                lab.profiles(joined));
                        if (args.length > 2) {
                            lab.breakdown(new String[] {"record", "joined"}, List.of(view, joined));
                        }
                    }
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("width")) { // the weekly envelope, in its usual width
            var base = lab.views().subList(0, 4); // the four views before the season view
            System.out.println("shipped: " + lab.profiles(peaks(lab.combine(base), 60, 0)));
            long[] spans = args.length > 3
                    ? Arrays.stream(args[3].split(","))
                            .mapToLong(h -> Long.parseLong(h) * 3600)
                            .toArray()
                    : new long[] {4 * 3600, 8 * 3600, 12 * 3600};
            int[] weeks = args.length > 4
                    ? Arrays.stream(args[4].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray()
                    : new int[] {3, 4};
            for (long span : spans) {
                for (int periods : weeks) {
                    var view = peaks(lab.run(d -> new SeasonEnvelope(604_800, span, periods, 20_000)::score), 60, 0);
                    var five = new ArrayList<>(base);
                    five.add(view);
                    var joined = peaks(lab.combine(five), 60, 0);
                    System.out.printf(
                            Locale.ROOT,
                            "span %d h, %d weeks: alone %s| fifth, new peaks %s%n",
                            span / 3600,
                            periods,
                            lab.profiles(view),
                            lab.profiles(joined));
                    if (args.length > 2 && args[2].equals("breakdown")) {
                        lab.breakdown(new String[] {"width", "joined"}, List.of(view, joined));
                    }
                }
            }
            return;
        }
        if (args.length > 1
                && args[1].equals(
                        "phase")) { // a sixth view: the ranged context view with the phase of the hour as a fact
            var base = lab.views();
            System.out.println("shipped: " + lab.profiles(peaks(lab.combine(base), 60, 0)));
            for (int slices : new int[] {4, 12}) {
                var view = lab.run(d -> ContextDetector.rangedByClock(150, 300, 3600 / slices, slices)
                        .growingRest(0.03)::score);
                var six = new ArrayList<>(base);
                six.add(view);
                var joined = peaks(lab.combine(six), 60, 0);
                System.out.printf(
                        Locale.ROOT,
                        "%d slices of the hour: alone %s| sixth, new peaks %s%n",
                        slices,
                        lab.profiles(view),
                        lab.profiles(joined));
                if (args.length > 2) {
                    lab.breakdown(new String[] {"phase", "joined"}, List.of(view, joined));
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("seen")) { // silence a view on values the series often reached lately
            var base = lab.views();
            System.out.println("shipped: " + lab.profiles(peaks(lab.combine(base), 60, 0)));
            for (int n : new int[] {1000, 3000}) {
                for (int k : new int[] {3, 5, 10, 20}) {
                    var robust = lab.run(d -> seen(new MetricDetector()::score, n, k));
                    var all = lab.run(d -> seen(new MetricEnsemble()::score, n, k));
                    System.out.printf(
                            Locale.ROOT,
                            "last %d, at least %d: robust alone %.1f | robust gated in the ensemble %s| whole ensemble gated %s%n",
                            n,
                            k,
                            lab.standard(robust)[0],
                            lab.profiles(
                                    peaks(lab.combine(List.of(robust, base.get(1), base.get(2), base.get(3))), 60, 0)),
                            lab.profiles(all));
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("peaksgrow")) { // new peaks over a window that grows with the steps seen
            var joined = lab.combine(lab.views());
            System.out.println("over 60 (shipped): " + lab.profiles(peaks(joined, 60, 0)));
            for (int floor : new int[] {1, 60}) {
                for (double per : new double[] {0.02, 0.03, 0.05}) {
                    for (int cap : new int[] {150, 300}) {
                        System.out.printf(
                                Locale.ROOT,
                                "at least %d, %.2f a step, at most %d: %s%n",
                                floor,
                                per,
                                cap,
                                lab.profiles(peaksGrowing(joined, floor, per, cap)));
                    }
                }
            }
            return;
        }
        if (args.length > 1
                && args[1].equals(
                        "spread2")) { // neighbours of the shipped constants: growing rest (0.03 a step, up to 150),
            // with the season view
            var robust = lab.run(d -> new MetricDetector()::score);
            var season =
                    peaks(lab.run(d -> SeasonEnvelope.weekly()::score), 60, 0); // the fifth view, unchanged throughout
            Function<Integer, List<double[]>> rangedAt =
                    cal -> lab.run(d -> ContextDetector.ranged(150, cal).growingRest(0.03)::score);
            Function<Integer, List<double[]>> dailyAt = cal ->
                    lab.run(d -> ContextDetector.rangedByTimeOfDay(150, cal, 24).growingRest(0.03)::score);
            Function<Integer, List<double[]>> rankedAt =
                    w -> lab.run(d -> ContextDetector.ranked(150, w).growingRest(0.03)::score);
            var ranged = rangedAt.apply(300);
            var daily = dailyAt.apply(300);
            var ranked = rankedAt.apply(500);
            System.out.println("as chosen: "
                    + lab.profiles(peaks(lab.combine(List.of(robust, ranged, ranked, daily, season)), 60, 0)));
            for (int cal : new int[] {280, 320}) {
                System.out.println("calibration " + cal + ": "
                        + lab.profiles(peaks(
                                lab.combine(List.of(robust, rangedAt.apply(cal), ranked, dailyAt.apply(cal), season)),
                                60,
                                0)));
            }
            for (int w : new int[] {450, 550}) {
                System.out.println("rank window " + w + ": "
                        + lab.profiles(
                                peaks(lab.combine(List.of(robust, ranged, rankedAt.apply(w), daily, season)), 60, 0)));
            }
            for (double per : new double[] {0.025, 0.035}) {
                var r = lab.run(d -> ContextDetector.ranged(150, 300).growingRest(per)::score);
                var q = lab.run(d -> ContextDetector.ranked(150, 500).growingRest(per)::score);
                var h = lab.run(
                        d -> ContextDetector.rangedByTimeOfDay(150, 300, 24).growingRest(per)::score);
                System.out.println("rest " + per + " a step: "
                        + lab.profiles(peaks(lab.combine(List.of(robust, r, q, h, season)), 60, 0)));
            }
            for (int cap : new int[] {130, 170}) {
                var r = lab.run(d -> ContextDetector.ranged(cap, 300).growingRest(0.03)::score);
                var q = lab.run(d -> ContextDetector.ranked(cap, 500).growingRest(0.03)::score);
                var h = lab.run(
                        d -> ContextDetector.rangedByTimeOfDay(cap, 300, 24).growingRest(0.03)::score);
                System.out.println("rest at most " + cap + ": "
                        + lab.profiles(peaks(lab.combine(List.of(robust, r, q, h, season)), 60, 0)));
            }
            return;
        }
        if (args.length > 1 && args[1].equals("growing")) { // the context views' rest growing with the steps seen
            var robust = lab.run(d -> new MetricDetector()::score);
            for (int cap : new int[] {150, 300}) {
                for (double per : new double[] {0.02, 0.03, 0.05, 0.1}) {
                    var ranged = lab.run(d -> ContextDetector.ranged(cap, 300).growingRest(per)::score);
                    var ranked = lab.run(d -> ContextDetector.ranked(cap, 500).growingRest(per)::score);
                    var daily = lab.run(
                            d -> ContextDetector.rangedByTimeOfDay(cap, 300, 24).growingRest(per)::score);
                    var ahead = lab.run(d -> ContextDetector.withRange(
                                    cap,
                                    Arrays.stream(d.values).min().orElse(0),
                                    Arrays.stream(d.values).max().orElse(0))
                            .growingRest(per)::score);
                    var joined = lab.combine(List.of(robust, ranged, ranked, daily));
                    System.out.printf(
                            Locale.ROOT,
                            "rest %.2f a step up to %d: ranged %.1f ranked %.1f hourly %.1f ahead %.1f | ensemble, new peaks over 60: %s%n",
                            per,
                            cap,
                            lab.standard(ranged)[0],
                            lab.standard(ranked)[0],
                            lab.standard(daily)[0],
                            lab.standard(ahead)[0],
                            lab.profiles(peaks(joined, 60, 0)));
                }
            }
            return;
        }
        var robust = lab.run(d -> new MetricDetector()::score);
        var ranged = lab.run(d -> ContextDetector.ranged(150, 300).growingRest(0.03)::score);
        var ranked = lab.run(d -> ContextDetector.ranked(150, 500).growingRest(0.03)::score);
        var daily = lab.run(d -> ContextDetector.rangedByTimeOfDay(150, 300, 24).growingRest(0.03)::score);
        var ahead = lab.run(d -> ContextDetector.withRange(
                60,
                Arrays.stream(d.values).min().orElse(0),
                Arrays.stream(d.values).max().orElse(0))::score);
        var season = peaks(lab.run(d -> SeasonEnvelope.weekly()::score), 60, 0);
        var ensemble = lab.run(d -> new MetricEnsemble()::score);
        System.out.println("robust (MetricDetector)       " + lab.profiles(robust));
        System.out.println("context, ranged (first 300)   " + lab.profiles(ranged));
        System.out.println("context, ranked (last 500)    " + lab.profiles(ranked));
        System.out.println("context, ranged + hour of day " + lab.profiles(daily));
        System.out.println("context, whole-file range (looks ahead, for comparison only) " + lab.profiles(ahead));
        System.out.println(
                "season, last day against the same day of the last 3 weeks, new peaks " + lab.profiles(season));
        System.out.println("ensemble (MetricEnsemble)     " + lab.profiles(ensemble));
        System.out.println("five views, bars from these runs, new peaks only "
                + lab.profiles(peaks(lab.combine(List.of(robust, ranged, ranked, daily, season)), 60, 0)));
        if (args.length > 1
                && args[1].equals(
                        "cad")) { // published CAD OSE's set-up: whole-file range, rest 3% of the file (at most 150)
            var cad = lab.run(d -> ContextDetector.withRange(
                    (int) Math.min(150, Math.floor(0.15 * d.values.length) / 5),
                    Arrays.stream(d.values).min().orElse(0),
                    Arrays.stream(d.values).max().orElse(0))::score);
            System.out.println(
                    "context, as published CAD OSE (looks ahead; rest from the file's length) " + lab.profiles(cad));
        }
        System.out.printf(
                Locale.ROOT,
                "best thresholds: robust %.9f ranged %.9f ranked %.9f hourly %.9f season %.9f%n",
                lab.standard(robust)[1],
                lab.standard(ranged)[1],
                lab.standard(ranked)[1],
                lab.standard(daily)[1],
                lab.standard(season)[1]);
        if (args.length > 1 && args[1].equals("breakdown")) {
            lab.breakdown(
                    new String[] {"robust", "ranged", "ranked", "hourly", "season", "ahead", "ensemble"},
                    List.of(robust, ranged, ranked, daily, season, ahead, ensemble));
        }
    }
}
