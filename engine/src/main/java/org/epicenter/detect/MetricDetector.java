package org.epicenter.detect;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anomaly scores for a general metric series (latency, error rate, traffic), one value at a time,
 * strictly causal: each score uses only the values up to that step. The same parameters serve every
 * series; nothing is fitted per series except the running state.
 *
 * <p>Robust tests, each in robust standard deviations (median and MAD of the recent history, with a
 * floor from the history's range so a flat series is not infinitely sensitive):
 * <ul>
 *   <li><b>value</b>: how far the value lies from the recent median (spikes, drops);</li>
 *   <li><b>step</b>: how large the change from the previous value is against recent changes
 *       (the onset of a level shift, a sudden flatline);</li>
 *   <li><b>level</b>: how far the mean of the last few values has moved from the median
 *       (a sustained shift too small for one value to stand out);</li>
 *   <li><b>daily</b>: once a few days are known, the value against the same time of day on earlier
 *       days. A daily rhythm is not an anomaly, so when this test is available the surprise is the
 *       smaller of it and the others.</li>
 * </ul>
 * The score is the surprise above a bar. The bar is the larger of two memories: the last alarm,
 * fading over about {@code quiet} steps (one alarm per episode is what a person wants, and what NAB
 * rewards), and the largest surprise of the last {@code memory} steps, fading the same way (a
 * series that spikes every day is not anomalous when it spikes again; only a larger surprise is).
 *
 * <p>The constants were chosen on the 31-file NAB development subset (bench {@code NabLoop sweep},
 * results in docs/benchmarks.md) and are the same for every series.
 */
public final class MetricDetector {
    static final int DAYS = 4;
    private static final int MIN_HISTORY = 30;

    private final int recent;
    private final int quiet;
    private final double alarm;
    private final Ring values;
    private final Ring diffs;
    private final double[] scratch;
    /** Values at the same second of the day on earlier days, newest last, and how many. */
    private final List<Season> seasons;

    private double previous = Double.NaN;
    private long steps;
    private long alarmStep;
    private double lastAlarm;

    public MetricDetector() {
        this(400, 6, 100, 4.0, 3000, 1.0);
    }

    public MetricDetector(int history, int recent, int quiet, double alarm) {
        this(history, recent, quiet, alarm, 1000, 0);
    }

    private final double usualDecay;
    private final double weight;

    /** For tuning runs (bench NabLoop); the no-argument constructor holds the chosen values. */
    public MetricDetector(int history, int recent, int quiet, double alarm, int memory, double weight) {
        this.usualDecay = Math.exp(-1.0 / memory);
        this.weight = weight;
        this.recent = recent;
        this.quiet = quiet;
        this.alarm = alarm;
        this.values = new Ring(history);
        this.diffs = new Ring(history);
        // daily only: a weekly season as well was tried and scored 47.3 against 47.7 (docs/benchmarks.md)
        this.seasons = List.of(new Season(86_400L, history));
        this.scratch = new double[history];
    }

    /**
     * The anomaly score of {@code value} at {@code epochSecond}, in [0, 1): 0 for ordinary, towards 1
     * for anomalous. Steps must come in time order.
     */
    public double score(long epochSecond, double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        long step = steps++;
        double plain = plain(value);
        double surprise = plain;
        for (Season season : seasons) {
            double seasonal = season.surprise(epochSecond, value);
            if (!Double.isNaN(seasonal)) {
                surprise = Math.min(surprise, seasonal);
            }
        }
        double s = Math.log1p(surprise);
        // A recent alarm raises the bar for the next one, fading over about `quiet` steps: one alarm
        // per episode, and a series that alarms often needs ever larger surprises to alarm again.
        double bar = lastAlarm * Math.exp(-(step - alarmStep) / (double) quiet);
        // A series that is often this surprising is not anomalous when it is again: the bar also
        // holds a share of the largest surprise of the last days, fading over `memory` steps.
        bar = Math.max(bar, weight * usual);
        usual = Math.max(usual * usualDecay, s);
        double effective = s - bar;
        if (effective >= Math.log1p(alarm)) {
            alarmStep = step;
            lastAlarm = s;
        }
        return squash(effective);
    }

    private double usual;

    private double plain(double value) {
        double diff = Double.isNaN(previous) ? 0 : value - previous;
        previous = value;
        double surprise = 0;
        if (values.size() >= MIN_HISTORY) {
            double[] v = medianMad(values);
            double floor = Math.max(1e-9, 0.01 * v[2]);
            double scale = Math.max(v[1], floor);
            double zValue = Math.abs(value - v[0]) / scale;
            double[] d = medianMad(diffs);
            double zStep = Math.abs(diff - d[0]) / Math.max(d[1], floor);
            double recentSum = value;
            for (int i = 1; i < recent; i++) {
                recentSum += values.ago(i);
            }
            double zLevel = Math.abs(recentSum / recent - v[0]) / scale * Math.sqrt(recent) / 2;
            surprise = Math.max(zValue, Math.max(zStep, zLevel));
        }
        values.add(value);
        diffs.add(diff);
        return surprise;
    }

    /**
     * A seasonal test: the value against the same time of earlier periods (days, weeks), in robust
     * standard deviations of its own residuals; NaN until it has the periods to judge.
     */
    private final class Season {
        private final long period;
        private final Map<Long, double[]> sameTime = new HashMap<>();
        private final Ring residuals;

        Season(long periodSeconds, int history) {
            this.period = periodSeconds;
            this.residuals = new Ring(history);
        }

        double surprise(long epochSecond, double value) {
            double[] past = sameTime.computeIfAbsent(Math.floorMod(epochSecond, period), k -> new double[DAYS + 1]);
            int seen = (int) past[DAYS];
            double surprise = Double.NaN;
            if (seen >= 2) {
                System.arraycopy(past, 0, scratch, 0, seen);
                Arrays.sort(scratch, 0, seen);
                double expected = seen % 2 == 1 ? scratch[seen / 2] : (scratch[seen / 2 - 1] + scratch[seen / 2]) / 2;
                double residual = value - expected;
                if (residuals.size() >= MIN_HISTORY) {
                    double[] r = medianMad(residuals);
                    double[] v = medianMad(values);
                    double floor = Math.max(1e-9, 0.01 * v[2]);
                    surprise = Math.abs(residual - r[0]) / Math.max(r[1], floor);
                }
                residuals.add(residual);
            }
            if (seen < DAYS) {
                past[seen] = value;
                past[DAYS] = seen + 1;
            } else {
                System.arraycopy(past, 1, past, 0, DAYS - 1);
                past[DAYS - 1] = value;
            }
            return surprise;
        }
    }

    private static double squash(double s) {
        return s <= 0 ? 0 : s / (s + 1);
    }

    /** [median, MAD x 1.4826 (a standard deviation for normal data), range] of the ring. */
    private double[] medianMad(Ring ring) {
        int n = ring.size();
        ring.copyTo(scratch);
        Arrays.sort(scratch, 0, n);
        double median = scratch[n / 2];
        double range = scratch[n - 1] - scratch[0];
        for (int i = 0; i < n; i++) {
            scratch[i] = Math.abs(scratch[i] - median);
        }
        Arrays.sort(scratch, 0, n);
        return new double[] {median, scratch[n / 2] * 1.4826, range};
    }

    /** The last {@code capacity} values. */
    private static final class Ring {
        private final double[] data;
        private int size;
        private int next;

        Ring(int capacity) {
            data = new double[capacity];
        }

        void add(double v) {
            data[next] = v;
            next = (next + 1) % data.length;
            size = Math.min(size + 1, data.length);
        }

        int size() {
            return size;
        }

        /** The value added {@code i} adds ago (1 = the last one). */
        double ago(int i) {
            return data[Math.floorMod(next - i, data.length)];
        }

        void copyTo(double[] target) {
            System.arraycopy(data, 0, target, 0, size);
        }
    }
}
