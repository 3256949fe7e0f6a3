package org.epicenter.detect;

/**
 * The evidence of one minute: how surprising the count is under the expected rate (a Poisson tail
 * probability) and how big it is (a multiple of the expected rate). Both must agree: a 3% rise on a
 * huge service is very surprising but not an outage; two reports at 3 a.m. are a large multiple of
 * almost nothing but not surprising enough, and too few to mean anything.
 *
 * @param count     distinct reporters counted in the minute
 * @param expected  the baseline's expected count for the minute
 * @param multiple  count / expected (expected floored at {@link EvidenceRules#minExpected})
 */
public record Evidence(long count, double expected, double multiple, EvidenceLevel level) {
    /**
     * P(X >= count) under Poisson(expected). Computed when asked: most minutes are too small to need
     * it, and a million series judged every minute must not pay for it.
     */
    public double tail() {
        return Poisson.upperTail(count, expected);
    }
}
