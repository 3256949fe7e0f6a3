package org.epicenter.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The agent refuses bad settings with a message naming them, before it starts anything. */
class AgentCommandTest {
    @Test
    void badSettingsAreRefusedWithTheirReason() {
        var location =
                CommandRun.of("agent", "--server", "http://127.0.0.1:1", "--token", "t", "--location", "Riyadh City");
        assertThat(location.exit()).isEqualTo(2);
        assertThat(location.output()).contains("epicenter agent: location must be a lowercase name");

        var server = CommandRun.of("agent", "--server", "ftp://example.com", "--token", "t", "--location", "riyadh");
        assertThat(server.exit()).isEqualTo(2);
        assertThat(server.output()).contains("--server must be an http:// or https:// URL");

        var range = CommandRun.of(
                "agent",
                "--server",
                "http://127.0.0.1:1",
                "--token",
                "t",
                "--location",
                "riyadh",
                "--probe-allow",
                "10.0.0.0/40");
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.output()).contains("10.0.0.0/40");

        var help = CommandRun.of("agent", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("--location").contains("--server").contains("--token");
    }
}
