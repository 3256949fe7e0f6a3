package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --demo}: a simulated week with its past outages, then live simulated reports. */
class DemoIT {
    @TempDir
    Path data;

    @Test
    void theDemoBackfillsAWeekWithItsOutagesAndThenStreamsLiveReports() throws Exception {
        var clock = new TestClock(Instant.parse("2025-11-18T11:20:00Z"));
        try (var server = new TestServer(data, s -> s, clock, true)) {
            Set<String> resolved = new HashSet<>();
            for (JsonNode i :
                    json(server.get("/api/v1/incidents?state=resolved")).path("incidents")) {
                resolved.add(i.path("service").asText());
            }
            assertThat(resolved)
                    .as("the past outages of the simulated week")
                    .containsAll(Set.of("facebook", "instagram", "whatsapp", "messenger", "x"));
            // the Meta family failed together: one cause, Meta's network, and X's bursts stand alone
            JsonNode causes = json(server.get("/api/v1/causes?state=resolved")).path("causes");
            assertThat(causes).singleElement().satisfies(c -> {
                assertThat(c.path("provider").asText()).isEqualTo("meta-network");
                assertThat(c.path("dependents"))
                        .extracting(JsonNode::asText)
                        .containsExactlyInAnyOrder("facebook", "instagram", "whatsapp", "messenger");
                assertThat(c.path("name").path("en").asText()).isEqualTo("Meta backbone and DNS");
                assertThat(c.path("open").asBoolean()).isFalse();
            });
            Instant metaFrom = Instant.parse(causes.get(0).path("start").asText());
            Instant metaTo = Instant.parse(causes.get(0).path("end").asText());
            for (JsonNode i :
                    json(server.get("/api/v1/incidents?state=resolved")).path("incidents")) {
                String service = i.path("service").asText();
                Instant start = Instant.parse(i.path("start").asText());
                String epicenter = i.path("epicenter").isNull()
                        ? null
                        : i.path("epicenter").path("provider").asText();
                if (Set.of("facebook", "instagram", "whatsapp", "messenger").contains(service)
                        && !start.isBefore(metaFrom)
                        && start.isBefore(metaTo)) {
                    assertThat(epicenter).as(i.toString()).isEqualTo("meta-network");
                } else {
                    assertThat(epicenter).as("alone: " + i).isNull();
                }
            }

            JsonNode week = json(server.get("/api/v1/services/whatsapp/reports?hours=168"));
            long total = 0;
            for (JsonNode c : week.path("counts")) {
                total += c.asLong();
            }
            assertThat(total).as("a week of whatsapp reports").isGreaterThan(100_000);

            // Live: the demo sends each simulated report when the clock reaches its time.
            for (int i = 0; i < 36; i++) {
                clock.advance(Duration.ofSeconds(5));
                Thread.sleep(50);
            }
            Thread.sleep(500);
            JsonNode hour = json(server.get("/api/v1/services/whatsapp/reports?hours=1"));
            JsonNode counts = hour.path("counts");
            long lastMinutes = 0;
            for (int i = counts.size() - 3; i < counts.size(); i++) {
                lastMinutes += counts.get(i).asLong();
            }
            assertThat(lastMinutes)
                    .as("live reports in the last minutes: " + hour)
                    .isPositive();

            // The live outage starts 90 s after start-up and lasts 20 minutes: it is confirmed, says it
            // is recovering 5 minutes after the reports return, and is resolved within 10 (issue 18).
            Instant started = clock.instant();
            // the five fail a minute apart, each for OUTAGE_LENGTH: the last one's reports return 4 minutes after the
            // first's
            Instant back =
                    started.plus(Demo.OUTAGE_AFTER).plus(Duration.ofMinutes(4)).plus(Demo.OUTAGE_LENGTH);
            boolean sawRecovering = false;
            while (clock.instant().isBefore(back.plus(Duration.ofMinutes(10)))) {
                for (int step = 0; step < 6; step++) {
                    clock.advance(Duration.ofSeconds(10));
                    Thread.sleep(15);
                }
                server.detectNow();
                if (!clock.instant().isBefore(back.plus(Duration.ofMinutes(7)))) {
                    for (JsonNode i :
                            json(server.get("/api/v1/incidents?state=open")).path("incidents")) {
                        sawRecovering |= i.path("phase").asText().equals("recovering");
                    }
                }
            }
            Thread.sleep(500);
            server.detectNow();
            assertThat(sawRecovering)
                    .as("an incident said it was recovering before it resolved")
                    .isTrue();
            // five services behind Cloudflare failed within four minutes: each confirmed and resolved, one cause named
            var liveServices = new HashSet<String>();
            for (JsonNode i : json(server.get("/api/v1/incidents")).path("incidents")) {
                Instant start = Instant.parse(i.path("start").asText());
                if (start.isAfter(Instant.parse("2025-11-18T11:20:00Z"))
                        && start.isBefore(Instant.parse("2025-11-18T11:30:00Z"))) {
                    liveServices.add(i.path("service").asText());
                    assertThat(i.path("end").isNull()).as("resolved: " + i).isFalse();
                    assertThat(i.path("epicenter").path("provider").asText())
                            .as(i.toString())
                            .isEqualTo("cloudflare");
                }
            }
            assertThat(liveServices)
                    .as("the demo's live cascade")
                    .containsExactlyInAnyOrder("x", "chatgpt", "claude", "canva", "spotify");
            assertThat(json(server.get("/api/v1/causes")).path("causes")).anySatisfy(c -> {
                assertThat(c.path("provider").asText()).isEqualTo("cloudflare");
                assertThat(c.path("dependents")).hasSize(5);
            });
        }
    }
}
