package org.epicenter.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertConfigTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("alerts.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void subscriptionsAndSilencesLoadWithSecretsFromTheEnvironment() throws Exception {
        var config = AlertConfig.load(file("""
                subscriptions:
                  - {id: ops, channel: webhook, url: "https://hooks.example.com/epicenter", secret: "env:OPS_SECRET", countries: [SA]}
                  - {id: payments, channel: email, to: payments@bank.example, categories: [payments, bank]}
                silences:
                  - {id: zoom-upgrade, services: [zoom], from: "2026-12-01T22:00:00Z", until: "2026-12-02T02:00:00Z", comment: planned}
                """), Map.of("OPS_SECRET", "a-long-random-secret-0123")::get);
        assertThat(config.subscriptions()).hasSize(2);
        assertThat(config.subscriptions().get(0).secret()).isEqualTo("a-long-random-secret-0123");
        assertThat(config.subscriptions().get(1).channel()).isEqualTo("email");
        assertThat(config.silences())
                .singleElement()
                .satisfies(s -> assertThat(s.until()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z")));
    }

    @Test
    void aBadFileIsRefusedWithItsLineAndField() throws Exception {
        assertThatThrownBy(() -> AlertConfig.load(file("""
                subscriptions:
                  - {id: ops, channel: webhook, url: "https://h.example", colour: red}
                """), k -> null))
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown key \"colour\"");
        assertThatThrownBy(() -> AlertConfig.load(file("""
                subscriptions:
                  - {id: ops, channel: pager}
                """), k -> null))
                .hasMessageContaining("subscription ops: channel: unknown channel \"pager\" (expected webhook, email");
        assertThatThrownBy(() -> AlertConfig.load(file("""
                subscriptions:
                  - {id: ops, channel: webhook, url: "https://h.example", secret: "env:MISSING"}
                """), k -> null))
                .hasMessageContaining("subscription ops: the environment variable MISSING for its secret is not set");
        assertThatThrownBy(() -> AlertConfig.load(file("""
                subscriptions:
                  - {id: ops, channel: slack, url: "https://h.example"}
                  - {id: ops, channel: slack, url: "https://h.example"}
                """), k -> null))
                .hasMessageContaining("subscription ops is listed twice");
        assertThatThrownBy(() -> AlertConfig.load(dir.resolve("nope.yaml"), k -> null))
                .hasMessageEndingWith("nope.yaml: file not found");
    }
}
