package org.epicenter.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.epicenter.probe.Verdicts.State;
import org.junit.jupiter.api.Test;

class ProbeOutagesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void anOutageOpensAtTheQuorumStartsAtTheFirstFailureAndEndsWhenNoLocationIsDown() {
        var outages = new ProbeOutages();
        assertThat(outages.observe(
                        "pay", State.REGIONAL, List.of("riyadh"), T0, "main at riyadh: status 503", T0.plusSeconds(60)))
                .as("one location of three is not an outage")
                .isEmpty();

        var opened = outages.observe(
                "pay", State.DOWN, List.of("riyadh", "cairo"), T0, "main at riyadh: status 503", T0.plusSeconds(120));
        assertThat(opened).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("opened");
            assertThat(c.outage().start()).isEqualTo(T0);
            assertThat(c.outage().confirmed()).isEqualTo(T0.plusSeconds(120));
            assertThat(c.outage().locations()).containsExactly("riyadh", "cairo");
        });
        assertThat(outages.observe("pay", State.DOWN, List.of("riyadh", "cairo"), T0, null, T0.plusSeconds(180)))
                .isEmpty();
        assertThat(outages.observe("pay", State.REGIONAL, List.of("cairo"), T0, null, T0.plusSeconds(240)))
                .as("still down somewhere")
                .isEmpty();

        var resolved = outages.observe("pay", State.DEGRADED, List.of(), null, null, T0.plusSeconds(300));
        assertThat(resolved).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("resolved");
            assertThat(c.outage().end()).isEqualTo(T0.plusSeconds(300));
        });
        assertThat(outages.all())
                .singleElement()
                .satisfies(o -> assertThat(o.overlaps(T0.plusSeconds(200), T0.plusSeconds(400)))
                        .isTrue());
    }

    @Test
    void probesThatNeverWorkedOpenNothing() {
        var outages = new ProbeOutages();
        assertThat(outages.observe("pay", null, List.of(), null, null, T0)).isEmpty();
        assertThat(outages.all()).isEmpty();
    }
}
