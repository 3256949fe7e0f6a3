package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    void anOutageReportedThroughTheApiBecomesAnIncident() throws Exception {
        var clock = new TestClock(T0);
        try (var server = new TestServer(
                dir,
                s -> TestServer.with(
                        s, "", "X-Forwarded-For", 1_000_000, 1_000_000, List.of(), TestServer.ADMIN_TOKEN, null),
                clock)) {
            var events = new LinkedBlockingQueue<String>();
            var plain = server.get("/api/v1/events");
            assertThat(plain.statusCode()).isEqualTo(406);
            assertThat(json(plain).path("error").asText()).contains("Accept: text/event-stream");
            HttpClient.newHttpClient()
                    .sendAsync(
                            HttpRequest.newBuilder(server.uri("/api/v1/events"))
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines())
                    // on a thread of its own: when the answer is already in, thenAccept would run (and block) here
                    .thenAcceptAsync(r -> r.body().forEach(events::add), Thread.ofVirtual()::start);
            assertThat(events.poll(10, TimeUnit.SECONDS)).as("stream opened").isEqualTo(": connected");

            for (int minute = 0; minute < 440; minute++) {
                if (minute == 426 || minute == 439) {
                    server.detectNow();
                }
                boolean outage = minute >= 420 && minute < 435;
                int n = outage ? 30 : (minute % 2 == 0 ? 2 : 3);
                for (int i = 0; i < n; i++) {
                    clock.advance(Duration.ofSeconds(i == 0 ? 0 : 1));
                    var r = server.report(
                            "{\"service\":\"whatsapp\",\"problem\":\"" + (outage ? "messaging" : "app")
                                    + "\",\"country\":\"" + (outage ? "SA" : "EG") + "\"}",
                            "X-Forwarded-For",
                            TestServer.net(minute * 64 + i));
                    assertThat(r.statusCode()).isEqualTo(201);
                }
                clock.advance(Duration.ofMinutes(1).minusSeconds(n - 1L));
            }
            clock.advance(Duration.ofMinutes(30));
            server.detectNow();
            var seen = new java.util.ArrayList<String>();
            for (String line = events.poll(10, TimeUnit.SECONDS);
                    line != null;
                    line = events.poll(1, TimeUnit.SECONDS)) {
                if (line.startsWith("event: ")) {
                    seen.add(line.substring(7));
                }
                if (line.startsWith("event: incident.resolved")) {
                    String data = events.poll(5, TimeUnit.SECONDS);
                    assertThat(data)
                            .startsWith("data: {\"service\":\"whatsapp\"")
                            .contains("\"end\":\"2025-11-18T07:15:00Z\"");
                }
                if (line.startsWith("event: service.status")) {
                    String data = events.poll(5, TimeUnit.SECONDS);
                    String expected = seen.contains("incident.resolved") ? "ok" : "problems";
                    assertThat(data).startsWith("data: {\"service\":\"whatsapp\",\"status\":\"" + expected + "\"");
                    if (expected.equals("ok")) {
                        break;
                    }
                }
            }
            // the tick at minute 426 opens and confirms at once (two loud minutes had passed)
            // (the server's own 10 s tick may add an update between ours)
            assertThat(seen).contains("incident.updated");
            assertThat(seen.stream().filter(e -> !e.equals("incident.updated")))
                    .containsExactly(
                            "incident.opened",
                            "incident.confirmed",
                            "service.status",
                            "incident.resolved",
                            "service.status");
            String live = server.get("/api/v1/incidents?service=whatsapp").body();

            server.restart(); // the detector is rebuilt from the stored per-minute aggregates
            assertThat(server.get("/api/v1/incidents?service=whatsapp").body())
                    .as("same after a restart")
                    .isEqualTo(live);

            JsonNode all =
                    json(server.get("/api/v1/incidents?service=whatsapp")).path("incidents");
            assertThat(all.size()).as(all.toString()).isEqualTo(1);
            JsonNode i = all.get(0);
            assertThat(i.path("start").asText()).isEqualTo("2025-11-18T07:00:00Z");
            assertThat(Instant.parse(i.path("confirmed").asText())).isBefore(Instant.parse("2025-11-18T07:03:00Z"));
            assertThat(i.path("end").asText()).isEqualTo("2025-11-18T07:15:00Z");
            assertThat(i.path("countries").get(0).asText()).isEqualTo("SA");
            assertThat(i.path("problems").path("messaging").asLong()).isEqualTo(15 * 30);
            assertThat(i.path("signals"))
                    .as("no probe of whatsapp ran")
                    .extracting(JsonNode::asText)
                    .containsExactly("reports");

            assertThat(json(server.get("/api/v1/incidents?state=resolved"))
                            .path("incidents")
                            .size())
                    .isEqualTo(1);
            assertThat(json(server.get("/api/v1/incidents?state=open"))
                            .path("incidents")
                            .size())
                    .isZero();

            JsonNode series = json(server.get("/api/v1/services/whatsapp/reports?hours=12"));
            assertThat(series.path("baseline").size()).isEqualTo(12 * 60);
            int halfPastSix = (int)
                    Duration.between(Instant.parse(series.path("from").asText()), Instant.parse("2025-11-18T06:30:00Z"))
                            .toMinutes();
            assertThat(series.path("baseline").get(halfPastSix).asDouble()).isBetween(2.0, 3.0);
            assertThat(series.path("upperBand").get(halfPastSix).asLong()).isBetween(6L, 12L);
            assertThat(json(server.get("/api/v1/services/x/reports?hours=1"))
                            .path("baseline")
                            .isNull())
                    .isTrue();
            // the same 12 hours in 15-minute buckets on the clock: counts and expectations summed, the band for the sum
            JsonNode quarters = json(server.get("/api/v1/services/whatsapp/reports?hours=12&bucket=15"));
            assertThat(quarters.path("stepSeconds").asInt()).isEqualTo(900);
            assertThat(quarters.path("counts").size()).isEqualTo(48);
            assertThat(Instant.parse(quarters.path("from").asText()).getEpochSecond() % 900)
                    .as("on the clock")
                    .isZero();
            long perMinute = 0;
            for (JsonNode c : series.path("counts")) {
                perMinute += c.asLong();
            }
            long inQuarters = 0;
            for (JsonNode c : quarters.path("counts")) {
                inQuarters += c.asLong();
            }
            // the two windows end at the same minute here or differ by the few quiet minutes of the current quarter
            assertThat(inQuarters)
                    .isEqualTo(quarters.path("total").asLong())
                    .isGreaterThanOrEqualTo(perMinute - 3 * 15);
            int quarterOfHalfPastSix = (int) Duration.between(
                                    Instant.parse(quarters.path("from").asText()),
                                    Instant.parse("2025-11-18T06:30:00Z"))
                            .toMinutes()
                    / 15;
            double quarterBaseline =
                    quarters.path("baseline").get(quarterOfHalfPastSix).asDouble();
            assertThat(quarterBaseline).isBetween(15 * 2.0, 15 * 3.0);
            assertThat(quarters.path("upperBand").get(quarterOfHalfPastSix).asLong())
                    .as("a 99.9% band for a sum, far tighter than 15 minutes' bands")
                    .isBetween(
                            (long) quarterBaseline + 1, (long) (quarterBaseline + 4 * Math.sqrt(quarterBaseline)) + 1);

            // the same incident in an Atom feed, for feed readers: parsed as XML, its entry links the incident page
            var feed = server.get("/api/v1/incidents.atom?service=whatsapp");
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
            var doc = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance()
                    .newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(
                            feed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            var entries = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
            assertThat(entries.getLength()).isEqualTo(1);
            var entry = (org.w3c.dom.Element) entries.item(0);
            assertThat(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title")
                            .item(0)
                            .getTextContent())
                    .isEqualTo("WhatsApp: problems since 2025-11-18 07:00 UTC (resolved at 2025-11-18 07:15 UTC)");
            assertThat(((org.w3c.dom.Element) entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link")
                                    .item(0))
                            .getAttribute("href"))
                    .endsWith("/i/whatsapp/2025-11-18T07:00:00Z");
            assertThat(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "updated")
                            .item(0)
                            .getTextContent())
                    .isEqualTo("2025-11-18T07:15:00Z");
            var unknown = server.get("/api/v1/incidents.atom?service=%3Cscript%3E" + "x".repeat(200));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).path("error").asText())
                    .hasSizeLessThan(100)
                    .doesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

            var bad = server.get("/api/v1/incidents?state=closed");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("field").asText()).isEqualTo("state");
            assertThat(server.get("/api/v1/incidents?service=myspace").statusCode())
                    .isEqualTo(404);
        }
    }
}
