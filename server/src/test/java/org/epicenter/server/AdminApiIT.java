package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog changes through the admin API: token, validation, persistence. */
class AdminApiIT {
    private static final String MY_BANK = """
            {"id":"my-bank","kind":"service","name":{"en":"My Bank","ar":"بنكي"},"category":"bank",
             "hostnames":["mybank.example.com"],"countries":["SA"],
             "dependsOn":[{"id":"aws-us-east-1","evidence":"confirmed","source":"our architecture"}]}""";

    @TempDir
    Path dir;

    private static HttpRequest.Builder put(TestServer server, String id, String json) {
        return server.admin("/api/v1/admin/catalog/" + id)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    @Test
    void strangeBodiesGetA400InPlainWordsNeverA500OrAJavaClass() {
        try (var server = new TestServer(dir, s -> s)) {
            var overflow = server.send(server.admin("/api/v1/admin/silences/far")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"id\":\"far\",\"services\":[\"zoom\"],"
                            + "\"from\":\"-999999999-01-01T00:00:00Z\",\"until\":\"+999999999-12-31T23:59:59Z\"}")));
            assertThat(overflow.statusCode()).as(overflow.body()).isEqualTo(400);
            assertThat(json(overflow).path("error").asText())
                    .contains("between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
            var nullId = server.send(
                    server.admin("/api/v1/admin/silences/s1")
                            .header("Content-Type", "application/json")
                            .PUT(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"id\":\"s1\",\"services\":[null],\"from\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\"}")));
            assertThat(nullId.statusCode()).isEqualTo(400);
            assertThat(json(nullId).path("error").asText()).isEqualTo("services and providers: ids, not null");
            var wrongType = server.send(server.admin("/api/v1/admin/silences/x")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"id\":\"x\",\"services\":[\"zoom\"],\"from\":[1],\"until\":5}")));
            assertThat(wrongType.statusCode()).isEqualTo(400);
            assertThat(json(wrongType).path("error").asText())
                    .doesNotContain("java.")
                    .doesNotContain("org.epicenter")
                    .contains("ISO-8601");
            var batch = server.send(server.admin("/api/v1/agent/results")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"location\":\"riyadh\",\"results\":{\"a\":1}}")));
            assertThat(batch.statusCode()).isEqualTo(400);
            assertThat(json(batch).path("error").asText())
                    .doesNotContain("java.")
                    .doesNotContain("org.epicenter");
            var garbage = server.report("{\"service\":\"x\",\"problem\":\"app\"}garbage");
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(json(garbage).path("error").asText())
                    .contains("Unrecognized token 'garbage'")
                    .doesNotContain("com.fasterxml");
            var twoObjects = server.report("{\"service\":\"x\",\"problem\":\"app\"} {}");
            assertThat(twoObjects.statusCode()).isEqualTo(400);
            assertThat(json(twoObjects).path("error").asText())
                    .contains("nothing after it")
                    .doesNotContain("com.fasterxml");
            assertThat(server.report("{\"service\":\"x\",\"problem\":\"app\"}  \n")
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void theAgentTokenMustDifferFromTheAdminToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestServer(
                        dir,
                        s -> TestServer.withProbes(
                                s, new ProbeSettings(null, List.of(), TestServer.ADMIN_TOKEN, false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ from the admin token");
    }

    @Test
    void adminRoutesNeedTheToken() {
        try (var server = new TestServer(dir, s -> s)) {
            var none = server.send(HttpRequest.newBuilder(server.uri("/api/v1/admin/catalog/my-bank"))
                    .PUT(HttpRequest.BodyPublishers.ofString(MY_BANK)));
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate"))
                    .get()
                    .asString()
                    .startsWith("Bearer");
            assertThat(json(none).path("error").asText()).contains("Authorization: Bearer");
            var wrong = server.send(HttpRequest.newBuilder(server.uri("/api/v1/admin/catalog/x"))
                    .header("Authorization", "Bearer guess")
                    .DELETE());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(server.get("/api/v1/services/x").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void entriesAreCreatedReplacedAndRemovedAndSurviveRestarts() {
        try (var server = new TestServer(dir, s -> s)) {
            assertThat(server.send(put(server, "my-bank", MY_BANK)).statusCode())
                    .isEqualTo(201);
            assertThat(server.report("{\"service\":\"my-bank\",\"problem\":\"payments\"}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(json(server.get("/api/v1/providers/aws-us-east-1/dependents"))
                            .path("all"))
                    .extracting(n -> n.asText())
                    .contains("my-bank");
            assertThat(server.send(put(server, "my-bank", MY_BANK.replace("My Bank", "Our Bank")))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.send(server.admin("/api/v1/admin/catalog/bet365").DELETE())
                            .statusCode())
                    .isEqualTo(204);

            server.restart();
            assertThat(json(server.get("/api/v1/services/my-bank"))
                            .path("name")
                            .path("en")
                            .asText())
                    .isEqualTo("Our Bank");
            assertThat(server.get("/api/v1/services/bet365").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void invalidEntriesAreRefusedNamingTheField() {
        try (var server = new TestServer(dir, s -> s)) {
            var badCategory = server.send(put(server, "my-bank", MY_BANK.replace("\"bank\"", "\"banks\"")));
            assertThat(badCategory.statusCode()).isEqualTo(400);
            assertThat(json(badCategory).path("field").asText()).isEqualTo("category");
            assertThat(json(badCategory).path("error").asText()).contains("unknown category \"banks\"");

            var unknownKey =
                    server.send(put(server, "my-bank", MY_BANK.replace("\"kind\"", "\"colour\":\"blue\",\"kind\"")));
            assertThat(json(unknownKey).path("field").asText()).isEqualTo("colour");

            var mismatch = server.send(put(server, "other-bank", MY_BANK));
            assertThat(json(mismatch).path("error").asText()).contains("does not match the path id");

            var dangling = server.send(put(server, "my-bank", MY_BANK.replace("aws-us-east-1", "aws-mars-1")));
            assertThat(dangling.statusCode()).isEqualTo(400);
            assertThat(json(dangling).path("field").asText()).isEqualTo("entry my-bank.dependsOn[0].id");
            assertThat(json(dangling).path("error").asText()).contains("unknown entry \"aws-mars-1\"");

            var notJson = server.send(put(server, "my-bank", "{"));
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(server.get("/api/v1/services/my-bank").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void providersWithDependentsCannotBeRemoved() {
        try (var server = new TestServer(dir, s -> s)) {
            var r = server.send(server.admin("/api/v1/admin/catalog/cloudflare").DELETE());
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(json(r).path("error").asText()).contains("chatgpt");
            assertThat(server.send(server.admin("/api/v1/admin/catalog/nothing").DELETE())
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void aGeneratedTokenIsAnnouncedOnceAndOnlyItsHashIsKept() throws Exception {
        String token;
        try (var server = new TestServer(dir, s -> TestServer.with(s, "", "", 30, 10, List.of(), null, null))) {
            assertThat(server.announcedTokens).hasSize(1);
            token = server.announcedTokens.get(0);
            var ok = server.send(HttpRequest.newBuilder(server.uri("/api/v1/admin/catalog/bet365"))
                    .header("Authorization", "Bearer " + token)
                    .DELETE());
            assertThat(ok.statusCode()).isEqualTo(204);

            server.restart();
            assertThat(server.announcedTokens).as("not printed again").hasSize(1);
            var again = server.send(HttpRequest.newBuilder(server.uri("/api/v1/admin/catalog/duolingo"))
                    .header("Authorization", "Bearer " + token)
                    .DELETE());
            assertThat(again.statusCode()).isEqualTo(204);
        }
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                String bytes =
                        new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain(token);
            }
        }
    }
}
