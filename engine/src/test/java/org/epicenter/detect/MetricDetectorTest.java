package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.detect.MetricChecks.dailyNoise;

import org.junit.jupiter.api.Test;

/** The general-metric detector: causal, quiet on noise and daily rhythm, loud on what breaks them. */
class MetricDetectorTest {
    private static double[] run(double[] values) {
        return MetricChecks.run(new MetricDetector()::score, values);
    }

    @Test
    void aScoreNeverDependsOnLaterValues() {
        MetricChecks.assertCausal(() -> new MetricDetector()::score, dailyNoise(3000, 1), 2000);
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
        MetricChecks.assertNonNumbersChangeNothing(() -> new MetricDetector()::score, dailyNoise(1500, 3));
    }
}
