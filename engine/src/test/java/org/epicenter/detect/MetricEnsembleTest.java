package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.detect.MetricChecks.dailyNoise;

import org.junit.jupiter.api.Test;

/** The ensemble `epicenter nab` runs: causal, and loud when any of its views is. */
class MetricEnsembleTest {
    /** A daily rhythm with noise whose level rises by 90 at step 3,000. */
    private static double[] shiftedAt3000() {
        double[] v = dailyNoise(4000, 2);
        for (int i = 3000; i < v.length; i++) {
            v[i] += 90;
        }
        return v;
    }

    /** Steps in [from, to) at or above the alarm bar. */
    private static int alarms(double[] s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += s[i] >= 0.5 ? 1 : 0;
        }
        return n;
    }

    @Test
    void aScoreNeverDependsOnLaterValues() {
        MetricChecks.assertCausal(() -> new MetricEnsemble()::score, dailyNoise(2500, 1), 1800);
    }

    @Test
    void aLevelShiftCrossesTheBarThatTheLearnedRhythmStaysBelowMostOfTheTime() {
        double[] s = MetricChecks.run(new MetricEnsemble()::score, shiftedAt3000());
        int above = alarms(s, 1500, 3000);
        double at = 0;
        for (int i = 3000; i < 3010; i++) {
            at = Math.max(at, s[i]);
        }
        assertThat(at).isGreaterThanOrEqualTo(0.5);
        assertThat(above).as("alarms in 1,500 ordinary steps").isLessThan(15);
    }

    @Test
    void aLoudEpisodeSpeaksOnlyWhereItReachesANewPeak() {
        double[] s = MetricChecks.run(new MetricEnsemble()::score, shiftedAt3000());
        assertThat(alarms(s, 3000, 3200))
                .as("alarms in the 200 steps after the shift")
                .isEqualTo(1);
        for (int i = 1; i < s.length; i++) {
            if (s[i] > 0) { // a score only where the step tops the last 60 steps: a repeat is never louder
                for (int j = Math.max(0, i - MetricEnsemble.PEAK_STEPS); j < i; j++) {
                    assertThat(s[j]).as("step %d after step %d", i, j).isLessThan(s[i]);
                }
            }
        }
    }

    @Test
    void aQuietHolidayIsCaughtAgainstTheSameDayOfEarlierWeeks() {
        int day = 288;
        int holiday = 4 * 7 + 2; // a Wednesday in the fifth week, at 80% of a usual Wednesday
        double[] s = MetricChecks.run(new MetricEnsemble()::score, MetricChecks.weeks(holiday, 0.8, 7));
        assertThat(alarms(s, holiday * day, (holiday + 1) * day))
                .as("alarms on the holiday")
                .isPositive();
        for (int wednesday = 3 * 7 + 2; wednesday < 6 * 7; wednesday += 7) {
            if (wednesday != holiday) {
                assertThat(alarms(s, wednesday * day, (wednesday + 1) * day))
                        .as("alarms on day %d", wednesday)
                        .isZero();
            }
        }
    }

    @Test
    void valuesThatAreNotNumbersScoreZeroAndChangeNothing() {
        MetricChecks.assertNonNumbersChangeNothing(() -> new MetricEnsemble()::score, dailyNoise(1200, 3));
    }
}
