package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ensemble `epicenter nab` runs: causal, and loud when any of its views is. */
class MetricEnsembleTest {
    private static final long T0 = 1_420_070_400L;

    private static double[] dailyNoise(int n, long seed) {
        var random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 100 + 30 * Math.sin(i * 2 * Math.PI / 288) + 3 * random.nextGaussian();
        }
        return v;
    }

    private static double[] run(double[] v) {
        var d = new MetricEnsemble();
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = d.score(T0 + 300L * i, v[i]);
        }
        return s;
    }

    @Test
    void aScoreNeverDependsOnLaterValues() {
        double[] a = dailyNoise(2500, 1);
        double[] b = a.clone();
        for (int i = 1800; i < b.length; i++) {
            b[i] = b[i] * 5 + 1000;
        }
        double[] sa = run(a);
        double[] sb = run(b);
        for (int i = 0; i < 1800; i++) {
            assertThat(sb[i]).as("step %d", i).isEqualTo(sa[i]);
        }
    }

    @Test
    void aLevelShiftCrossesTheBarThatTheLearnedRhythmStaysBelowMostOfTheTime() {
        double[] v = dailyNoise(4000, 2);
        for (int i = 3000; i < v.length; i++) {
            v[i] += 90;
        }
        double[] s = run(v);
        int above = 0;
        for (int i = 1500; i < 3000; i++) {
            above += s[i] >= 0.5 ? 1 : 0;
        }
        double at = 0;
        for (int i = 3000; i < 3010; i++) {
            at = Math.max(at, s[i]);
        }
        assertThat(at).isGreaterThanOrEqualTo(0.5);
        assertThat(above).as("alarms in 1,500 ordinary steps").isLessThan(15);
    }

    @Test
    void valuesThatAreNotNumbersScoreZeroAndChangeNothing() {
        double[] v = dailyNoise(1200, 3);
        var clean = new MetricEnsemble();
        var gappy = new MetricEnsemble();
        for (int i = 0; i < v.length; i++) {
            long t = T0 + 300L * i;
            if (i % 100 == 50) {
                assertThat(gappy.score(t, Double.NaN)).isZero();
            }
            assertThat(gappy.score(t, v[i])).as("step %d", i).isEqualTo(clean.score(t, v[i]));
        }
    }
}
