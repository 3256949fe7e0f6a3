package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickerTest {
    static final Instant NOW = Instant.parse("2025-11-18T11:20:00Z");

    @Test
    void stagesRunInOrderAndAFailingOneDoesNotStopTheNext() {
        var ran = new ArrayList<String>();
        var ticker = new Ticker(List.of(
                new Ticker.Stage("detection", t -> ran.add("detection")),
                new Ticker.Stage("probe", t -> {
                    ran.add("probe");
                    throw new IllegalStateException("probe broke");
                }),
                new Ticker.Stage("correlation", t -> ran.add("correlation"))));
        ticker.tick(NOW);
        assertThat(ran).containsExactly("detection", "probe", "correlation");

        ran.clear();
        assertThatThrownBy(() -> ticker.tickStrictly(NOW))
                .as("a test's tick fails with the stage")
                .hasMessage("probe tick failed: probe broke");
        assertThat(ran).as("every stage still ran").containsExactly("detection", "probe", "correlation");
    }
}
