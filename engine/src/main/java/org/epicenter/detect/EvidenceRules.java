package org.epicenter.detect;

/**
 * Thresholds that turn (count, expected) into an {@link EvidenceLevel}. Each level needs a small
 * tail probability, a large multiple and a minimum count at once.
 *
 * @param minExpected floor under the expected rate when computing the multiple, so a series that
 *                    is almost always silent does not turn one report into an infinite multiple
 */
public record EvidenceRules(
        double minExpected,
        double weakTail,
        double weakMultiple,
        long weakCount,
        double moderateTail,
        double moderateMultiple,
        long moderateCount,
        double strongTail,
        double strongMultiple,
        long strongCount) {

    public static EvidenceRules defaults() {
        return new EvidenceRules(0.5, 1e-3, 1.5, 3, 1e-5, 3.0, 5, 1e-8, 4.0, 10);
    }

    public Evidence judge(long count, double expected) {
        double multiple = count / Math.max(expected, minExpected);
        EvidenceLevel level = EvidenceLevel.NONE;
        if (multiple < weakMultiple || count < weakCount) {
            return new Evidence(count, expected, multiple, level); // too small for any level: no tail needed
        }
        double tail = Poisson.upperTail(count, expected);
        if (tail <= weakTail && multiple >= weakMultiple && count >= weakCount) {
            level = EvidenceLevel.WEAK;
        }
        if (tail <= moderateTail && multiple >= moderateMultiple && count >= moderateCount) {
            level = EvidenceLevel.MODERATE;
        }
        if (tail <= strongTail && multiple >= strongMultiple && count >= strongCount) {
            level = EvidenceLevel.STRONG;
        }
        return new Evidence(count, expected, multiple, level);
    }
}
