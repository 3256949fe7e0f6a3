package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports through HTTP on a hand-moved clock: seven quiet hours of whatsapp, then a fifteen-minute
 * burst from Saudi Arabia. After a restart the incident is rebuilt from the stored aggregates.
 */
class IncidentsApiIT {
    private static final Instant T0 = Instant.parse("2025-11-18T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anOutageReportedThroughTheApiBecomesAnIncident() {
        var clock = new TestClock(T0);
        try (var server = new TestServer(dir, s -> TestServer.with(s, "", "", 1_000_000, 1_000_000, List.of(),
                TestServer.ADMIN_TOKEN, null), clock)) {
            for (int minute = 0; minute < 440; minute++) {
                boolean outage = minute >= 420 && minute < 435;
                int n = outage ? 30 : (minute % 2 == 0 ? 2 : 3);
                for (int i = 0; i < n; i++) {
                    clock.advance(Duration.ofSeconds(i == 0 ? 0 : 1));
                    var r = server.report("{\"service\":\"whatsapp\",\"problem\":\"" + (outage ? "messaging" : "app")
                            + "\",\"country\":\"" + (outage ? "SA" : "EG") + "\"}", "User-Agent", "u-" + minute + "-" + i);
                    assertThat(r.statusCode()).isEqualTo(201);
                }
                clock.advance(Duration.ofMinutes(1).minusSeconds(n - 1L));
            }
            clock.advance(Duration.ofMinutes(30));
            server.restart(); // the detector is rebuilt from the stored per-minute aggregates

            JsonNode all = json(server.get("/api/v1/incidents?service=whatsapp")).path("incidents");
            assertThat(all.size()).as(all.toString()).isEqualTo(1);
            JsonNode i = all.get(0);
            assertThat(i.path("start").asText()).isEqualTo("2025-11-18T07:00:00Z");
            assertThat(Instant.parse(i.path("confirmed").asText())).isBefore(Instant.parse("2025-11-18T07:03:00Z"));
            assertThat(i.path("end").asText()).isEqualTo("2025-11-18T07:15:00Z");
            assertThat(i.path("countries").get(0).asText()).isEqualTo("SA");
            assertThat(i.path("problems").path("messaging").asLong()).isEqualTo(15 * 30);

            assertThat(json(server.get("/api/v1/incidents?state=resolved")).path("incidents").size()).isEqualTo(1);
            assertThat(json(server.get("/api/v1/incidents?state=open")).path("incidents").size()).isZero();

            JsonNode series = json(server.get("/api/v1/services/whatsapp/reports?hours=12"));
            assertThat(series.path("baseline").size()).isEqualTo(12 * 60);
            int halfPastSix = (int) Duration.between(Instant.parse(series.path("from").asText()),
                    Instant.parse("2025-11-18T06:30:00Z")).toMinutes();
            assertThat(series.path("baseline").get(halfPastSix).asDouble()).isBetween(2.0, 3.0);
            assertThat(series.path("upperBand").get(halfPastSix).asLong()).isBetween(6L, 12L);
            assertThat(json(server.get("/api/v1/services/x/reports?hours=1")).path("baseline").isNull()).isTrue();

            var bad = server.get("/api/v1/incidents?state=closed");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("field").asText()).isEqualTo("state");
            assertThat(server.get("/api/v1/incidents?service=myspace").statusCode()).isEqualTo(404);
        }
    }
}
