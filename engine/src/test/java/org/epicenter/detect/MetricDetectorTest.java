package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The general-metric detector: causal, quiet on noise and daily rhythm, loud on what breaks them. */
class MetricDetectorTest {
    private static final long T0 = 1_420_070_400L; // 2015-01-01T00:00:00Z

    private static double[] run(double[] values) {
        var d = new MetricDetector();
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = d.score(T0 + 300L * i, values[i]);
        }
        return scores;
    }

    private static double[] dailyNoise(int n, long seed) {
        var random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 100 + 30 * Math.sin(i * 2 * Math.PI / 288) + 3 * random.nextGaussian();
        }
        return v;
    }

    @Test
    void aScoreNeverDependsOnLaterValues() {
        double[] a = dailyNoise(3000, 1);
        double[] b = a.clone();
        for (int i = 2000; i < b.length; i++) {
            b[i] = b[i] * 5 + 1000; // a different future
        }
        double[] sa = run(a);
        double[] sb = run(b);
        for (int i = 0; i < 2000; i++) {
            assertThat(sb[i]).as("step %d", i).isEqualTo(sa[i]);
        }
    }

    @Test
    void aLevelShiftScoresFarAboveTheDailyRhythmAndItsNoise() {
        double[] v = dailyNoise(4000, 2);
        for (int i = 3000; i < v.length; i++) {
            v[i] += 60;
        }
        double[] s = run(v);
        double before = 0;
        for (int i = 600; i < 3000; i++) { // after the first days were learned
            before = Math.max(before, s[i]);
        }
        double at = 0;
        for (int i = 3000; i < 3010; i++) {
            at = Math.max(at, s[i]);
        }
        assertThat(at).isGreaterThan(before + 0.2);
    }

    @Test
    void valuesThatAreNotNumbersScoreZeroAndChangeNothing() {
        double[] v = dailyNoise(1500, 3);
        var clean = new MetricDetector();
        var gappy = new MetricDetector();
        for (int i = 0; i < v.length; i++) {
            long t = T0 + 300L * i;
            if (i % 100 == 50) {
                assertThat(gappy.score(t, Double.NaN)).isZero();
                assertThat(gappy.score(t, Double.POSITIVE_INFINITY)).isZero();
            }
            assertThat(gappy.score(t, v[i])).as("step %d", i).isEqualTo(clean.score(t, v[i]));
        }
    }
}
