package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The baseline on synthetic series with known truth. Counts are Poisson draws from a fixed seed,
 * printed, so a failure can be replayed.
 */
class BaselineModelTest {
    private static final long SEED = 20251118L;
    /** Monday 2025-11-17 00:00 UTC. */
    private static final long MONDAY = Instant.parse("2025-11-17T00:00:00Z").getEpochSecond() / 60;

    private static final long DAY = 1440;

    private static long draw(Random random, double lambda) {
        if (lambda > 50) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        long k = 0;
        double p = Math.exp(-lambda);
        double s = p;
        double u = random.nextDouble();
        while (u > s) {
            k++;
            p *= lambda / k;
            s += p;
        }
        return k;
    }

    private static BaselineModel train(double prior, long from, long minutes, LongToDoubleFunction truth) {
        System.out.println("BaselineModelTest seed " + SEED);
        var random = new Random(SEED);
        var model = new BaselineModel(prior);
        for (long m = from; m < from + minutes; m++) {
            model.learn(m, draw(random, truth.applyAsDouble(m)));
        }
        return model;
    }

    private static double daily(long minute) {
        double hour = Math.floorMod(minute, DAY) / 60.0;
        return 20 * (1 + 0.8 * Math.sin(2 * Math.PI * (hour - 9) / 24)); // peak 36/min at 15:00, trough 4/min at 03:00
    }

    @Test
    void coldStartUsesThePrior() {
        var model = new BaselineModel(0.7);
        assertThat(model.expected(MONDAY)).isEqualTo(0.7);
        assertThat(model.minutesLearned()).isZero();
    }

    @Test
    void anHourNeverSeenExpectsWhatTheSeenHoursDo() {
        // seven hours of history, starting from a low prior: the next, unseen hour must not dip
        BaselineModel model = train(0.5, MONDAY, 7 * 60, m -> 2.5);
        double lastSeen = model.expected(MONDAY + 7 * 60 - 1);
        double firstUnseen = model.expected(MONDAY + 7 * 60 + 30);
        assertThat(firstUnseen).isBetween(lastSeen * 0.95, lastSeen * 1.05);
    }

    @Test
    void learnsADailyCycle() {
        BaselineModel model = train(1, MONDAY, 21 * DAY, BaselineModelTest::daily);
        long nextDay = MONDAY + 21 * DAY;
        for (long hour : new long[] {3, 9, 15, 21}) {
            long m = nextDay + hour * 60 + 30;
            assertThat(model.expected(m)).as("hour %d", hour).isBetween(daily(m) * 0.85, daily(m) * 1.15);
        }
    }

    @Test
    void learnsThatWeekendsDiffer() {
        LongToDoubleFunction truth = m -> {
            int dayOfWeek = (int) Math.floorMod(Math.floorDiv(m - MONDAY, DAY), 7L);
            return dayOfWeek >= 5 ? 5 : 15;
        };
        BaselineModel model = train(1, MONDAY, 28 * DAY, truth);
        long wednesdayNoon = MONDAY + 28 * DAY + 2 * DAY + 720;
        long saturdayNoon = MONDAY + 28 * DAY + 5 * DAY + 720;
        assertThat(model.expected(wednesdayNoon)).isBetween(15 * 0.8, 15 * 1.2);
        assertThat(model.expected(saturdayNoon)).isBetween(5 * 0.8, 5 * 1.2);
    }

    @Test
    void learnsLowCounts() {
        BaselineModel model = train(5, MONDAY, 7 * DAY, m -> 0.3);
        assertThat(model.expected(MONDAY + 7 * DAY + 600)).isBetween(0.3 * 0.75, 0.3 * 1.25);
    }

    @Test
    void followsAGrowingService() {
        LongToDoubleFunction growing = m -> 10 + 10.0 * (m - MONDAY) / (14 * DAY);
        BaselineModel model = train(10, MONDAY, 14 * DAY, growing);
        assertThat(model.expected(MONDAY + 14 * DAY)).isBetween(20 * 0.85, 20 * 1.05);
    }

    @Test
    void anUndetectedOutageBarelyMovesTheBaseline() {
        BaselineModel model = train(1, MONDAY, 7 * DAY, m -> 10);
        long outage = MONDAY + 7 * DAY + 600;
        for (long m = outage; m < outage + 120; m++) {
            model.learn(m, 300); // thirty times the normal rate, two hours, never flagged
        }
        for (long m = outage + 120; m < outage + DAY; m++) {
            model.learn(m, 10);
        }
        assertThat(model.expected(outage + DAY + 60)).as("same hour, next day").isLessThan(15);
        assertThat(model.expected(outage + DAY + 600)).as("other hours").isBetween(8.5, 11.5);
    }
}
