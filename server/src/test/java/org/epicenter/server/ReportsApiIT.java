package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.epicenter.store.sqlite.SqliteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/reports through the real server: the happy path, dedup, limits and every kind of bad input. */
class ReportsApiIT {
    @TempDir
    Path dir;

    private static void assertError(HttpResponse<String> r, int status, String field, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).contains(messagePart);
        if (field == null) {
            assertThat(body.has("field")).as(r.body()).isFalse();
        } else {
            assertThat(body.path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void aReportIsCountedOncePerWindowAndShowsUpInTheCounts() {
        try (var server = new TestServer(dir, s -> s)) {
            var first = server.report("{\"service\":\"whatsapp\",\"problem\":\"messaging\",\"country\":\"SA\"}");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(json(first).path("counted").asBoolean()).isTrue();
            assertThat(json(first).path("receivedAt").asText()).isEqualTo("2025-11-18T11:20:00Z");

            server.clock.advance(Duration.ofMinutes(29));
            var repeat = server.report("{\"service\":\"whatsapp\",\"problem\":\"login\",\"country\":\"SA\"}");
            assertThat(repeat.statusCode()).isEqualTo(200);
            assertThat(json(repeat).path("counted").asBoolean()).isFalse();

            server.clock.advance(Duration.ofMinutes(1));
            assertThat(server.report("{\"service\":\"whatsapp\",\"problem\":\"app\"}")
                            .statusCode())
                    .isEqualTo(201);

            JsonNode series = json(server.get("/api/v1/services/whatsapp/reports?hours=1"));
            assertThat(series.path("total").asLong()).isEqualTo(2);
            assertThat(series.path("counts").size()).isEqualTo(60);
            assertThat(series.path("byCountry").path("SA").asLong()).isEqualTo(1);
            assertThat(series.path("byCountry").path("ZZ").asLong()).isEqualTo(1);
            assertThat(series.path("byProblem").path("messaging").asLong()).isEqualTo(1);
            assertThat(series.path("byProblem").path("app").asLong()).isEqualTo(1);

            JsonNode whatsapp = json(server.get("/api/v1/services/whatsapp"));
            assertThat(whatsapp.path("reports").path("last60Minutes").asLong()).isEqualTo(2);
            assertThat(whatsapp.path("reports").path("last5Minutes").asLong()).isEqualTo(1);
        }
    }

    @Test
    void theReportPathAnswersWithATrailingSlashAndOnlyToPost() {
        try (var server = new TestServer(dir, s -> s)) {
            var slash = server.send(HttpRequest.newBuilder(server.uri("/api/v1/reports/"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"x\",\"problem\":\"app\"}")));
            assertThat(slash.statusCode()).as(slash.body()).isEqualTo(201);
            assertThat(slash.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(server.get("/api/v1/reports").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void badInputGetsAPreciseErrorAndStoresNothing() {
        try (var server = new TestServer(
                dir, s -> TestServer.with(s, "", "", 1000, 1000, List.of(), TestServer.ADMIN_TOKEN, null))) {
            assertError(server.report("{\"service\":\"whatsapp\","), 400, null, "malformed JSON at line 1");
            assertError(server.report(""), 400, null, "empty body");
            assertError(server.report("[1,2]"), 400, null, "body must be a JSON object, got array");
            assertError(server.report("{\"problem\":\"app\"}"), 400, "service", "service is required");
            assertError(server.report("{\"service\":\"x\"}"), 400, "problem", "problem is required");
            assertError(
                    server.report("{\"service\":\"x\",\"problem\":7}"),
                    400,
                    "problem",
                    "problem must be a string, got number");
            assertError(
                    server.report("{\"service\":\"x\",\"problem\":\"crash\"}"),
                    400,
                    "problem",
                    "unknown problem \"crash\"");
            assertError(
                    server.report("{\"service\":\"x\",\"problem\":\"app\",\"time\":\"2020-01-01T00:00:00Z\"}"),
                    400,
                    "time",
                    "unknown field \"time\"");
            assertError(
                    server.report("{\"service\":\"x\",\"service\":\"y\",\"problem\":\"app\"}"),
                    400,
                    null,
                    "Duplicate field 'service'");
            assertError(
                    server.report("{\"service\":\"myspace\",\"problem\":\"app\"}"),
                    404,
                    "service",
                    "unknown service \"myspace\"");
            assertError(
                    server.report("{\"service\":\"x\",\"problem\":\"app\",\"country\":\"Saudi\"}"),
                    400,
                    "country",
                    "not an ISO 3166-1 alpha-2 code");
            assertError(
                    server.report("{\"service\":\"x\",\"problem\":\"app\",\"country\":\"XK1\"}"),
                    400,
                    "country",
                    "XK1");
            assertError(
                    server.report("{\"service\":\"" + "a".repeat(65) + "\",\"problem\":\"app\"}"),
                    400,
                    "service",
                    "longer than 64");

            assertError(
                    server.send(HttpRequest.newBuilder(server.uri("/api/v1/reports"))
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"x\",\"problem\":\"app\"}"))),
                    415,
                    null,
                    "text/plain");
            assertError(
                    server.send(HttpRequest.newBuilder(server.uri("/api/v1/reports"))
                            .POST(HttpRequest.BodyPublishers.ofString("service=x"))),
                    415,
                    null,
                    "Content-Type must be application/json");

            String huge = "{\"service\":\"x\",\"problem\":\"app\",\"country\":\"" + " ".repeat(5000) + "\"}";
            assertError(server.report(huge), 413, null, "exceeds the limit of 4096");
            // Chunked (no Content-Length): the limit still holds.
            assertError(
                    server.send(HttpRequest.newBuilder(server.uri("/api/v1/reports"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new ByteArrayInputStream(huge.getBytes())))),
                    413,
                    null,
                    "exceeds");
        }
        try (var store = SqliteStorage.open(dir)) {
            assertThat(store.reports().rawCount()).isZero();
        }
    }

    @Test
    void aFloodFromOneClientGets429WithRetryAfterWhileOthersGetThrough() {
        try (var server = new TestServer(
                dir, s -> TestServer.with(s, "", "X-Forwarded-For", 6, 5, List.of(), TestServer.ADMIN_TOKEN, null))) {
            String body = "{\"service\":\"x\",\"problem\":\"app\"}";
            // the first counts; the next four are stored as repeats (one network, one reporter, whatever its
            // User-Agent)
            for (int i = 0; i < 5; i++) {
                assertThat(server.report(body, "X-Forwarded-For", "198.51.100.9", "User-Agent", "ua" + i)
                                .statusCode())
                        .isEqualTo(i == 0 ? 201 : 200);
            }
            var limited = server.report(body, "X-Forwarded-For", "198.51.100.9", "User-Agent", "ua9");
            assertError(limited, 429, null, "too many reports");
            assertThat(Long.parseLong(
                            limited.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, 10L);
            // Garbage from the flooding client is limited too, before it is parsed.
            assertThat(server.report("{", "X-Forwarded-For", "198.51.100.9").statusCode())
                    .isEqualTo(429);
            // Only the last X-Forwarded-For entry (added by the operator's proxy) identifies the client.
            assertThat(server.report(body, "X-Forwarded-For", "198.51.100.9, 203.0.113.5")
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void countryComesFromTheTrustedProxyHeaderWhenConfigured() {
        try (var server = new TestServer(
                dir, s -> TestServer.with(s, "CF-IPCountry", "", 30, 10, List.of(), TestServer.ADMIN_TOKEN, null))) {
            var r = server.report("{\"service\":\"x\",\"problem\":\"app\",\"country\":\"EG\"}", "CF-IPCountry", "SA");
            assertThat(json(r).path("country").asText()).isEqualTo("SA");
            var unknownToProxy = server.report(
                    "{\"service\":\"chatgpt\",\"problem\":\"app\",\"country\":\"EG\"}", "CF-IPCountry", "XX");
            assertThat(json(unknownToProxy).path("country").asText()).isEqualTo("EG");
        }
    }

    @Test
    void reportsAndDedupDecisionsSurviveARestart() {
        try (var server = new TestServer(dir, s -> s)) {
            assertThat(server.report("{\"service\":\"venmo\",\"problem\":\"payments\",\"country\":\"US\"}")
                            .statusCode())
                    .isEqualTo(201);
            server.restart();
            assertThat(json(server.get("/api/v1/services/venmo/reports"))
                            .path("total")
                            .asLong())
                    .isEqualTo(1);
            assertThat(json(server.get("/api/v1/services/venmo"))
                            .path("reports")
                            .path("last15Minutes")
                            .asLong())
                    .isEqualTo(1);
            var again = server.report("{\"service\":\"venmo\",\"problem\":\"payments\",\"country\":\"US\"}");
            assertThat(json(again).path("counted").asBoolean())
                    .as("dedup state rebuilt from the store")
                    .isFalse();
        }
    }

    @Test
    void concurrentReportsAreAllAcknowledgedAndAllStored() throws Exception {
        int n = 300;
        try (var server = new TestServer(
                        dir,
                        s -> TestServer.with(
                                s, "", "X-Forwarded-For", 1000, 1000, List.of(), TestServer.ADMIN_TOKEN, null));
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                calls.add(pool.submit(() -> server.report(
                                "{\"service\":\"chatgpt\",\"problem\":\"app\"}", "X-Forwarded-For", TestServer.net(k))
                        .statusCode()));
            }
            for (Future<Integer> f : calls) {
                assertThat(f.get()).isEqualTo(201);
            }
            assertThat(json(server.get("/api/v1/services/chatgpt/reports?hours=1"))
                            .path("total")
                            .asLong())
                    .isEqualTo(n);
        }
        try (var store = SqliteStorage.open(dir)) {
            assertThat(store.reports().rawCount()).isEqualTo(n);
        }
    }
}
