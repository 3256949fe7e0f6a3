package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Supplier;

/** Checks every general-metric detector must pass, on series made here. */
final class MetricChecks {
    static final long T0 = 1_420_070_400L; // 2015-01-01T00:00:00Z, steps of 5 minutes

    /** One detector's scoring function. */
    interface Scorer {
        double score(long epochSecond, double value);
    }

    private MetricChecks() {}

    static double[] run(Scorer s, double[] values) {
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = s.score(T0 + 300L * i, values[i]);
        }
        return scores;
    }

    /** A daily sine (288 steps a day) with Gaussian noise. */
    static double[] dailyNoise(int n, long seed) {
        var random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 100 + 30 * Math.sin(i * 2 * Math.PI / 288) + 3 * random.nextGaussian();
        }
        return v;
    }

    /**
     * Six weeks of a daily rhythm (288 steps a day), weekends at 60%, with noise; day {@code holiday}
     * (if any; day 0 is a weekday) at {@code holidayLevel} of its usual level.
     */
    static double[] weeks(int holiday, double holidayLevel, long seed) {
        var random = new Random(seed);
        int day = 288;
        double[] v = new double[6 * 7 * day];
        for (int i = 0; i < v.length; i++) {
            int d = i / day;
            double level = d % 7 >= 5 ? 0.6 : 1.0;
            if (d == holiday) {
                level *= holidayLevel;
            }
            v[i] = level * (100 + 30 * Math.sin(i * 2 * Math.PI / day)) + 3 * random.nextGaussian();
        }
        return v;
    }

    /** Two series equal up to {@code until} and wildly different after score the same up to there. */
    static void assertCausal(Supplier<Scorer> detectors, double[] series, int until) {
        double[] other = series.clone();
        for (int i = until; i < other.length; i++) {
            other[i] = other[i] * 5 + 1000; // a different future
        }
        double[] a = run(detectors.get(), series);
        double[] b = run(detectors.get(), other);
        for (int i = 0; i < until; i++) {
            assertThat(b[i]).as("step %d", i).isEqualTo(a[i]);
        }
    }

    /** NaN and infinite values score 0 and leave every later score as it would have been. */
    static void assertNonNumbersChangeNothing(Supplier<Scorer> detectors, double[] series) {
        var clean = detectors.get();
        var gappy = detectors.get();
        for (int i = 0; i < series.length; i++) {
            long t = T0 + 300L * i;
            if (i % 100 == 50) {
                assertThat(gappy.score(t, Double.NaN)).isZero();
                assertThat(gappy.score(t, Double.POSITIVE_INFINITY)).isZero();
            }
            assertThat(gappy.score(t, series[i])).as("step %d", i).isEqualTo(clean.score(t, series[i]));
        }
    }
}
