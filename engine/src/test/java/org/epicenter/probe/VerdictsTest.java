package org.epicenter.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.epicenter.probe.Verdicts.State;
import org.junit.jupiter.api.Test;

/** Quorum verdicts across locations; a probe that never worked is unverified, not down. */
class VerdictsTest {
    private static void feed(Verdicts v, String location, boolean... results) {
        for (boolean r : results) {
            v.record(location, r);
        }
    }

    @Test
    void aProbeThatNeverSucceededIsUnverifiedNotDown() {
        var v = new Verdicts(2);
        feed(v, "riyadh", false, false, false, false, false);
        feed(v, "frankfurt", false, false, false, false, false);
        assertThat(v.verdict().overall()).isEqualTo(State.UNVERIFIED);
    }

    @Test
    void downNeedsTheQuorumOneLocationIsRegional() {
        var v = new Verdicts(2);
        feed(v, "riyadh", true, true, false, false, false);
        feed(v, "frankfurt", true, true, true, true, true);
        feed(v, "virginia", true, true, true, true, true);
        assertThat(v.verdict().overall()).isEqualTo(State.REGIONAL);
        assertThat(v.verdict().downAt()).containsExactly("riyadh");

        feed(v, "frankfurt", false, false, false);
        assertThat(v.verdict().overall()).isEqualTo(State.DOWN);
        assertThat(v.verdict().downAt()).containsExactly("riyadh", "frankfurt");
    }

    @Test
    void aFailureNowAndThenIsDegradedAndRecoveryIsUp() {
        var v = new Verdicts(1);
        feed(v, "riyadh", true, true, true, false, true);
        assertThat(v.verdict().overall()).isEqualTo(State.DEGRADED);
        feed(v, "riyadh", true, true, true, true, true);
        assertThat(v.verdict().overall()).isEqualTo(State.UP);
        feed(v, "cairo", false, false, false);
        assertThat(v.verdict().byLocation()).containsEntry("cairo", State.UNVERIFIED);
        assertThat(v.verdict().overall())
                .as("an unverified location does not count")
                .isEqualTo(State.UP);
    }

    @Test
    void theQuorumNeverExceedsTheVerifiedLocations() {
        var v = new Verdicts(2);
        feed(v, "server", true, false, false, false, false);
        assertThat(v.verdict().overall()).as("one verified location of one").isEqualTo(State.DOWN);

        feed(v, "cairo", true, true, true, true, true);
        assertThat(v.verdict().overall()).as("one of two is not the quorum").isEqualTo(State.REGIONAL);

        v.forget("cairo");
        assertThat(v.verdict().byLocation()).containsOnlyKeys("server");
    }
}
