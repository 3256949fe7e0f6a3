package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceRulesTest {
    private final EvidenceRules rules = EvidenceRules.defaults();

    @Test
    void aSmallRiseOnAHugeServiceIsSurprisingButNotAnOutage() {
        Evidence e = rules.judge(10_300, 10_000);
        assertThat(e.tail()).isLessThan(0.01);
        assertThat(e.multiple()).isLessThan(1.1);
        assertThat(e.level()).isEqualTo(EvidenceLevel.NONE);
    }

    @Test
    void twoReportsAtThreeInTheMorningAreNothing() {
        assertThat(rules.judge(2, 0.05).level()).isEqualTo(EvidenceLevel.NONE);
        assertThat(rules.judge(1, 0).level()).isEqualTo(EvidenceLevel.NONE);
    }

    @Test
    void levelsRiseWithSurpriseAndSize() {
        assertThat(rules.judge(3, 3).level()).isEqualTo(EvidenceLevel.NONE);
        assertThat(rules.judge(10, 3).level()).as("tail 0.0011").isEqualTo(EvidenceLevel.NONE);
        assertThat(rules.judge(11, 3).level()).as("tail 0.0003").isEqualTo(EvidenceLevel.WEAK);
        assertThat(rules.judge(16, 3).level()).isEqualTo(EvidenceLevel.MODERATE);
        assertThat(rules.judge(40, 2).level()).isEqualTo(EvidenceLevel.STRONG);
        assertThat(rules.judge(1_000, 40).level()).isEqualTo(EvidenceLevel.STRONG);
    }
}
