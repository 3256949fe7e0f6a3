package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Social posts through the push endpoint on a hand-moved clock, beside a WhatsApp outage reported
 * by the crowd: the incident gains the social signal only once people post about it; 40 copies of
 * one text count for 3 people; each bad line is named; the service's posts are listed with the
 * reason each counted; anonymous clients can read them but not push.
 */
class SocialIT {
    private static final Instant T0 = Instant.parse("2025-11-18T00:00:00Z");

    @TempDir
    Path dir;

    private static HttpResponse<String> push(TestServer server, List<String> lines) {
        return server.send(server.admin("/api/v1/admin/social/posts")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))));
    }

    private static String line(String id, Instant at, String text, String author) {
        return "{\"id\":\"" + id + "\",\"time\":\"" + at + "\",\"text\":\"" + text + "\",\"author\":\"" + author
                + (author.startsWith("copy") ? "\",\"authorSince\":\"" + at.minusSeconds(3600) : "")
                + "\",\"link\":\"https://example.social/@" + author + "/" + id
                + "\",\"source\":\"mastodon:example.social\"}";
    }

    /** Seven quiet hours of WhatsApp reports, then 15 minutes of 30 a minute from 07:00: an incident. */
    private static void whatsappOutage(TestServer server, TestClock clock) {
        for (int minute = 0; minute < 440; minute++) {
            boolean outage = minute >= 420 && minute < 435;
            int n = outage ? 30 : (minute % 2 == 0 ? 2 : 3);
            for (int i = 0; i < n; i++) {
                clock.advance(Duration.ofSeconds(i == 0 ? 0 : 1));
                assertThat(server.report(
                                        "{\"service\":\"whatsapp\",\"problem\":\"messaging\",\"country\":\"SA\"}",
                                        "X-Forwarded-For",
                                        TestServer.net(minute * 64 + i))
                                .statusCode())
                        .isEqualTo(201);
            }
            clock.advance(Duration.ofMinutes(1).minusSeconds(n - 1L));
        }
    }

    private static List<String> signals(TestServer server) {
        var out = new ArrayList<String>();
        for (JsonNode i : json(server.get("/api/v1/incidents?service=whatsapp")).path("incidents")) {
            i.path("signals").forEach(s -> out.add(s.asText()));
        }
        return out;
    }

    @Test
    void peoplePostingCorroborateTheCrowdsIncident() throws Exception {
        var clock = new TestClock(T0);
        try (var server = new TestServer(
                dir,
                s -> TestServer.with(
                        s, "", "X-Forwarded-For", 1_000_000, 1_000_000, List.of(), TestServer.ADMIN_TOKEN, null),
                clock)) {
            whatsappOutage(server, clock);
            server.detectNow();
            assertThat(signals(server)).contains("reports").doesNotContain("social");

            Instant burst = T0.plus(Duration.ofMinutes(430));
            var lines = new ArrayList<String>();
            for (int i = 0; i < 40; i++) { // one text, 30 accounts made an hour ago: a bot burst counts for 3 people
                lines.add(line("c" + i, burst.plusSeconds(i), "الواتس واقف عندكم؟", "copy" + (i % 30)));
            }
            lines.add("not json");
            lines.add("{\"id\":\"x\",\"time\":\"2025-11-18T07:05:00Z\",\"text\":\"whatsapp down\"}");
            lines.add(line("future", T0.plus(Duration.ofDays(1)), "whatsapp down", "a"));
            var r = push(server, lines);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = json(r);
            assertThat(body.path("taken").asInt()).isEqualTo(40);
            assertThat(body.path("outages").asInt()).isEqualTo(40);
            assertThat(body.path("errors").toString())
                    .contains("\"line\":41")
                    .contains("not JSON")
                    .contains("\\\"author\\\" is required")
                    .contains("in the future");
            JsonNode posts = json(server.get("/api/v1/services/whatsapp/posts"));
            assertThat(posts.path("people15Minutes").asInt()).isEqualTo(3);
            assertThat(signals(server))
                    .as("a copied message alone does not corroborate")
                    .doesNotContain("social");

            // real people: different words, one author once however often they post
            var people = List.of(
                    line("p1", burst.plusSeconds(100), "WhatsApp is down for anyone else?", "sara"),
                    line("p2", burst.plusSeconds(110), "el whatsapp wa2ef 3andkom?", "omar"),
                    line("p3", burst.plusSeconds(120), "الواتساب طايح <script>alert(1)</script>", "noura"),
                    line("p4", burst.plusSeconds(130), "WhatsApp down again, third time I say it", "sara"),
                    line("p5", burst.plusSeconds(140), "WhatsApp is back up 🙏", "laila"));
            r = push(server, people);
            assertThat(json(r).path("taken").asInt()).isEqualTo(5);
            assertThat(json(r).path("outages").asInt()).isEqualTo(4);
            r = push(server, people);
            assertThat(json(r).path("duplicates").asInt())
                    .as("the same posts again")
                    .isEqualTo(5);

            assertThat(signals(server)).contains("reports", "social");
            posts = json(server.get("/api/v1/services/whatsapp/posts"));
            assertThat(posts.path("people15Minutes").asInt()).isEqualTo(3 + 3); // 3 for the copies, sara, omar, noura
            assertThat(posts.path("posts")).hasSize(10);
            JsonNode newest = posts.path("posts").get(0);
            assertThat(newest.path("text").asText()).isEqualTo("WhatsApp down again, third time I say it");
            assertThat(newest.path("link").asText()).isEqualTo("https://example.social/@sara/p4");
            assertThat(newest.path("why").asText()).startsWith("outage: ");
            assertThat(newest.has("author"))
                    .as("the author is not shown, only counted")
                    .isFalse();
            assertThat(posts.path("perMinute")).isNotEmpty();

            // the same words from people whose accounts are years old: each counts
            var established = new ArrayList<String>();
            for (int i = 0; i < 6; i++) {
                established.add("{\"id\":\"i" + i + "\",\"time\":\"" + burst.plusSeconds(i)
                        + "\",\"text\":\"instagram down?\",\"author\":\"old" + i
                        + "\",\"authorSince\":\"2015-01-01T00:00:00Z\"}");
            }
            assertThat(push(server, established).statusCode()).isEqualTo(200);
            assertThat(json(server.get("/api/v1/services/instagram/posts"))
                            .path("people15Minutes")
                            .asInt())
                    .isEqualTo(6);

            assertThat(server.get("/api/v1/services/nothing/posts").statusCode())
                    .isEqualTo(404);
            var anonymous = server.send(HttpRequest.newBuilder(server.uri("/api/v1/admin/social/posts"))
                    .POST(HttpRequest.BodyPublishers.ofString(line("z", burst, "whatsapp down", "z"))));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            var none = push(server, List.of("", "[]"));
            assertThat(none.statusCode()).isEqualTo(400);
            assertThat(none.body()).contains("no line is a post").contains("not a JSON object");
        }
    }

    /** The issue's picture: a Fediverse instance where 30 people post «الواتس واقف عندكم؟» 40 times. */
    @Test
    void aFediverseInstancesPostsGiveTheIncidentItsSocialSignal() throws Exception {
        var clock = new TestClock(T0);
        var fediverse = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0), 0);
        var statuses = new java.util.concurrent.atomic.AtomicReference<>("[]");
        fediverse.createContext("/api/v1/timelines/tag/", x -> {
            byte[] body = statuses.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        fediverse.start();
        var instance =
                java.net.URI.create("http://127.0.0.1:" + fediverse.getAddress().getPort());
        try (var server = new TestServer(
                dir,
                s -> TestServer.withProbes(
                        TestServer.with(
                                s,
                                "",
                                "X-Forwarded-For",
                                1_000_000,
                                1_000_000,
                                List.of(),
                                TestServer.ADMIN_TOKEN,
                                null),
                        new ProbeSettings(
                                null,
                                List.of(org.epicenter.probes.Cidr.parse("127.0.0.0/8")),
                                null,
                                false,
                                List.of(instance),
                                List.of("واقف"))),
                clock)) {
            whatsappOutage(server, clock);
            server.detectNow();
            server.readSocialNow();
            assertThat(signals(server)).contains("reports").doesNotContain("social");

            var page = new StringBuilder("[");
            for (int i = 0; i < 40; i++) {
                Instant at = T0.plus(Duration.ofMinutes(430)).plusSeconds(i * 10L);
                page.append(i == 0 ? "" : ",")
                        .append("{\"id\":\"1090000000000000")
                        .append(10 + i)
                        .append("\",\"created_at\":\"")
                        .append(at)
                        .append("\",\"content\":\"<p>الواتس واقف عندكم؟</p>\",\"url\":\"https://fedi.example/@p")
                        .append(i % 30)
                        .append('/')
                        .append(i)
                        .append("\",\"uri\":\"https://fedi.example/users/p")
                        .append(i % 30)
                        .append("/statuses/")
                        .append(i)
                        .append("\",\"reblog\":null,\"account\":{\"acct\":\"p")
                        .append(i % 30)
                        .append("@fedi.example\",\"created_at\":\"2018-05-01T00:00:00Z\"}}");
            }
            statuses.set(page.append(']').toString());
            server.readSocialNow();

            assertThat(signals(server)).contains("reports", "social");
            JsonNode posts = json(server.get("/api/v1/services/whatsapp/posts"));
            assertThat(posts.path("people15Minutes").asInt()).isEqualTo(30);
            assertThat(posts.path("posts").get(0).path("link").asText()).startsWith("https://fedi.example/@p");
            assertThat(posts.path("posts").get(0).path("text").asText()).isEqualTo("الواتس واقف عندكم؟");
        } finally {
            fediverse.stop(0);
        }
    }
}
