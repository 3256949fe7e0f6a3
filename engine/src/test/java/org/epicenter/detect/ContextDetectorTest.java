package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The contextual detector: it learns sequences, stays quiet on what repeats, and is causal. */
class ContextDetectorTest {
    /** A saw-tooth over 8 steps: after a few rounds every transition is known. */
    private static double[] saw(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 10 + (i % 8);
        }
        return v;
    }

    private static double[] run(ContextDetector d, double[] v) {
        return MetricChecks.run(d::score, v);
    }

    @Test
    void theFirstRestStepsAreSilentAndARepeatedPatternBecomesUnsurprising() {
        for (Supplier<ContextDetector> make : java.util.List.<Supplier<ContextDetector>>of(
                () -> ContextDetector.ranged(60, 300), () -> ContextDetector.ranked(60, 500))) {
            double[] s = run(make.get(), saw(1000));
            for (int i = 0; i < 60; i++) {
                assertThat(s[i]).as("step %d", i).isZero();
            }
            for (int i = 500; i < 1000; i++) {
                assertThat(s[i]).as("step %d", i).isLessThan(0.3);
            }
        }
    }

    @Test
    void aValueNeverSeenStandsFarAboveThePattern() {
        for (Supplier<ContextDetector> make : java.util.List.<Supplier<ContextDetector>>of(
                () -> ContextDetector.ranged(60, 300), () -> ContextDetector.ranked(60, 500))) {
            double[] v = saw(1200);
            v[900] = 100; // far above anything seen
            double[] s = run(make.get(), v);
            assertThat(s[900]).isGreaterThan(0.6);
            for (int i = 500; i < 1200; i++) {
                if (i < 900 || i > 903) {
                    assertThat(s[i]).as("step %d", i).isLessThan(0.3);
                }
            }
        }
    }

    @Test
    void aGrowingRestOutlastsAFixedOneLaterInTheSeries() {
        double[] v = saw(1200);
        v[900] = 100; // an alarm
        v[970] = -100; // a second one 70 steps later
        double[] fixed = run(ContextDetector.ranged(150, 300), v);
        assertThat(fixed[900]).isGreaterThanOrEqualTo(0.75);
        assertThat(fixed[970]).isZero(); // inside the fixed rest of 150
        double[] sixty = run(ContextDetector.ranged(60, 300), v);
        assertThat(sixty[970]).isGreaterThan(0.6); // past a fixed rest of 60
        // 10% of the 900 steps seen: the rest is 90 steps, so the second alarm is silenced too
        double[] growing = run(ContextDetector.ranged(150, 300).growingRest(0.1), v);
        assertThat(growing[900]).isGreaterThanOrEqualTo(0.75);
        assertThat(growing[970]).isZero();
        // 5%: 45 steps, over by then
        assertThat(run(ContextDetector.ranged(150, 300).growingRest(0.05), v)[970])
                .isGreaterThan(0.6);
    }

    @Test
    void aGrowingRestIsSetBeforeTheFirstStepAndWithinBounds() {
        var d = ContextDetector.ranged(150, 300);
        d.score(0, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.growingRest(0.03))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the first step");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ContextDetector.ranged(150, 300).growingRest(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScoreNeverDependsOnLaterValues() {
        double[] v = saw(1500);
        for (int i = 0; i < v.length; i += 37) {
            v[i] += 3;
        }
        MetricChecks.assertCausal(() -> ContextDetector.ranged(60, 300)::score, v, 1000);
        MetricChecks.assertCausal(() -> ContextDetector.ranked(60, 500)::score, v, 1000);
        MetricChecks.assertCausal(() -> ContextDetector.rangedByTimeOfDay(60, 300, 24)::score, v, 1000);
        MetricChecks.assertCausal(() -> ContextDetector.ranged(150, 300).growingRest(0.03)::score, v, 1000);
    }

    @Test
    void withTheHourOfDayAValueUsualAtOneHourIsSurprisingAtAnother() {
        // a daily square wave: high from 08:00 to 20:00 UTC, low otherwise; 288 steps of 5 minutes a day
        double[] v = new double[288 * 12];
        for (int i = 0; i < v.length; i++) {
            int hour = (i % 288) / 12;
            v[i] = hour >= 8 && hour < 20 ? 100 : 10;
        }
        int night = 288 * 10 + 12 * 3; // 03:00 on day 11
        for (int i = night; i < night + 6; i++) {
            v[i] = 100; // the daytime level at night
        }
        double[] plain = run(ContextDetector.ranged(60, 300), v);
        double[] hourly = run(ContextDetector.rangedByTimeOfDay(60, 300, 24), v);
        double plainAtNight = 0;
        double hourlyAtNight = 0;
        for (int i = night; i < night + 6; i++) {
            plainAtNight = Math.max(plainAtNight, plain[i]);
            hourlyAtNight = Math.max(hourlyAtNight, hourly[i]);
        }
        assertThat(hourlyAtNight).isGreaterThan(0.5).isGreaterThan(plainAtNight);
    }

    @Test
    void slicesOfTheDayMustDivideIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContextDetector.rangedByTimeOfDay(60, 300, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divide 86,400");
    }

    @Test
    void aClockOfTwentyFourHoursIsTheTimeOfDayAndABadClockIsRefused() {
        double[] v = MetricChecks.dailyNoise(1500, 4);
        assertThat(MetricChecks.run(ContextDetector.rangedByClock(60, 300, 3600, 24)::score, v))
                .containsExactly(MetricChecks.run(ContextDetector.rangedByTimeOfDay(60, 300, 24)::score, v));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContextDetector.rangedByClock(60, 300, 3600, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0 of 3600 s");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContextDetector.rangedByClock(60, 300, 0, 168))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least a second");
    }

    @Test
    void valuesThatAreNotNumbersScoreZeroAndChangeNothing() {
        MetricChecks.assertNonNumbersChangeNothing(() -> ContextDetector.ranged(60, 300)::score, saw(1200));
        MetricChecks.assertNonNumbersChangeNothing(() -> ContextDetector.ranked(60, 500)::score, saw(1200));
    }

    @Test
    void theMemoryGrowsWithVarietyNotWithLength() {
        var d = ContextDetector.ranged(60, 300);
        run(d, saw(2000));
        int afterTwoThousand = d.contexts();
        run(d, saw(8000));
        assertThat(d.contexts()).isEqualTo(afterTwoThousand);
    }
}
