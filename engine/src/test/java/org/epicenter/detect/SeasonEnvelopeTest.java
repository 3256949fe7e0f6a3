package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The season's memory: a day unlike the same day of the last weeks stands out; weeks that repeat do not. */
class SeasonEnvelopeTest {
    private static final int DAY = 288; // steps of 5 minutes
    private static final int WEEK = 7 * DAY;

    private static double[] weeks(int holiday, long seed) {
        return MetricChecks.weeks(holiday, 0.5, seed);
    }

    @Test
    void aHolidayStandsOutAgainstTheSameDayOfTheLastThreeWeeks() {
        int holiday = 4 * 7 + 2; // a weekday in the fifth week
        double[] s = MetricChecks.run(SeasonEnvelope.weekly()::score, weeks(holiday, 1));
        double inHoliday = 0;
        double elsewhere = 0;
        for (int i = 3 * WEEK; i < s.length; i++) {
            int day = i / DAY;
            if (day == holiday || day == holiday + 1) { // the day, and the next while the last 24 hours still hold it
                inHoliday = Math.max(inHoliday, s[i]);
            } else if (day < holiday + 7 || day > holiday + 8) { // the week after compares with the holiday itself
                elsewhere = Math.max(elsewhere, s[i]);
            }
        }
        // in usual widths of the envelope (score x / (1 + x)): the holiday departs several times further than noise
        // does
        double holidayWidths = inHoliday / (1 - inHoliday);
        double noiseWidths = elsewhere / (1 - elsewhere);
        assertThat(holidayWidths)
                .as("holiday %.3f, elsewhere %.3f", inHoliday, elsewhere)
                .isGreaterThan(4 * noiseWidths);
    }

    @Test
    void silentUntilThreeWeeksAreKnown() {
        double[] s = MetricChecks.run(SeasonEnvelope.weekly()::score, weeks(-1, 2));
        for (int i = 0; i < 3 * WEEK; i++) {
            assertThat(s[i]).as("step %d", i).isZero();
        }
    }

    @Test
    void aScoreNeverDependsOnLaterValues() {
        MetricChecks.assertCausal(() -> SeasonEnvelope.weekly()::score, weeks(30, 3), 5 * WEEK);
    }

    @Test
    void valuesThatAreNotNumbersScoreZeroAndChangeNothing() {
        MetricChecks.assertNonNumbersChangeNothing(() -> SeasonEnvelope.weekly()::score, weeks(30, 4));
    }

    @Test
    void itKeepsOnlyWhatTheNextStepsCanNeed() {
        var d = SeasonEnvelope.weekly();
        double[] v = weeks(-1, 5);
        for (int round = 0; round < 3; round++) { // 18 weeks in all
            for (int i = 0; i < v.length; i++) {
                d.score(MetricChecks.T0 + 300L * (round * v.length + i), v[i]);
            }
        }
        // three weeks and a day of 5-minute steps, and the one that is no longer needed
        assertThat(d.kept()).isBetween(3 * WEEK + DAY, 3 * WEEK + DAY + 1);
    }

    @Test
    void badShapesAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> new SeasonEnvelope(604_800, 700_000, 3, 20_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("span 700000 s");
        assertThatThrownBy(() -> new SeasonEnvelope(604_800, 86_400, 0, 20_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 periods");
        assertThatThrownBy(() -> new SeasonEnvelope(604_800, 86_400, 3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 widths");
    }
}
