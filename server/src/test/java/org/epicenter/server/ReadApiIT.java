package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read API, operations endpoints and HTTP hygiene, through the real server. */
class ReadApiIT {
    @TempDir
    Path dir;

    @Test
    void servicesListTheCatalogBusiestFirstWithFilters() {
        try (var server = new TestServer(dir, s -> s)) {
            server.report("{\"service\":\"claude\",\"problem\":\"app\"}");
            JsonNode all = json(server.get("/api/v1/services"));
            assertThat(all.path("services").size()).isGreaterThanOrEqualTo(100);
            JsonNode first = all.path("services").get(0);
            assertThat(first.path("id").asText()).isEqualTo("claude");
            assertThat(first.path("reports").path("last15Minutes").asLong()).isEqualTo(1);
            assertThat(first.path("name").path("ar").asText()).isEqualTo("كلود (أنثروبيك)");
            assertThat(first.path("dependsOn").get(0).path("id").asText()).isEqualTo("cloudflare");

            JsonNode banks = json(server.get("/api/v1/services?category=bank"));
            assertThat(banks.path("services"))
                    .allSatisfy(s -> assertThat(s.path("category").asText()).isEqualTo("bank"));
            assertThat(banks.path("services").size()).isGreaterThanOrEqualTo(10);
            JsonNode providers = json(server.get("/api/v1/services?kind=provider"));
            assertThat(providers.path("services"))
                    .extracting(s -> s.path("id").asText())
                    .contains("cloudflare", "aws-us-east-1");

            var bad = server.get("/api/v1/services?category=banks");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("field").asText()).isEqualTo("category");
        }
    }

    @Test
    void oneServiceNamesItsDependentsAndUnknownIdsGet404() {
        try (var server = new TestServer(dir, s -> s)) {
            JsonNode cloudflare = json(server.get("/api/v1/services/cloudflare"));
            assertThat(cloudflare.path("kind").asText()).isEqualTo("provider");
            assertThat(cloudflare.path("dependents"))
                    .extracting(JsonNode::asText)
                    .contains("x", "chatgpt");

            var missing = server.get("/api/v1/services/myspace");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(json(missing).path("error").asText()).isEqualTo("unknown service \"myspace\"");
            assertThat(server.get("/api/v1/services/myspace/reports").statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void reportSeriesValidateTheirWindow() {
        try (var server = new TestServer(dir, s -> s)) {
            assertThat(json(server.get("/api/v1/services/x/reports"))
                            .path("counts")
                            .size())
                    .isEqualTo(24 * 60);
            JsonNode week = json(server.get("/api/v1/services/x/reports?hours=168"));
            assertThat(week.path("counts").size()).isEqualTo(168 * 60);
            assertThat(week.path("stepSeconds").asInt()).isEqualTo(60);
            assertThat(week.path("to").asText()).isEqualTo("2025-11-18T11:21:00Z");
            for (String bad : List.of("0", "169", "abc", "1.5", "", "024", "%D9%A2%D9%A4", "-1", "%2B24")) {
                var r = server.get("/api/v1/services/x/reports?hours=" + bad);
                assertThat(r.statusCode()).as("hours=" + bad).isEqualTo(400);
                assertThat(json(r).path("field").asText()).isEqualTo("hours");
            }
            var twice = server.get("/api/v1/services/x/reports?hours=1&hours=abc");
            assertThat(twice.statusCode()).isEqualTo(400);
            assertThat(json(twice).path("error").asText()).isEqualTo("hours is given 2 times; give it once");
            var huge = server.get("/api/v1/services/x/reports?hours=" + "9".repeat(7000));
            assertThat(huge.statusCode()).isEqualTo(400);
            assertThat(json(huge).path("error").asText())
                    .as("a 7,000-digit value is not echoed back")
                    .hasSizeLessThan(160);
            JsonNode hourly = json(server.get("/api/v1/services/x/reports?hours=168&bucket=60"));
            assertThat(hourly.path("counts").size()).isEqualTo(168);
            assertThat(hourly.path("stepSeconds").asInt()).isEqualTo(3600);
            assertThat(hourly.path("to").asText())
                    .as("the current hour, still filling, is the last")
                    .isEqualTo("2025-11-18T12:00:00Z");
            for (String bad : List.of("0", "7", "-15", "abc", "", "1e1", "15".repeat(40))) {
                var r = server.get("/api/v1/services/x/reports?bucket=" + bad);
                assertThat(r.statusCode()).as("bucket=" + bad).isEqualTo(400);
                assertThat(json(r).path("field").asText()).isEqualTo("bucket");
                assertThat(json(r).path("error").asText())
                        .startsWith("bucket must be 1, 5, 15 or 60 (minutes)")
                        .hasSizeLessThan(120);
            }
        }
    }

    @Test
    void providersShowTheirBlastRadiusWithTheEvidenceOfEachEdge() {
        try (var server = new TestServer(dir, s -> s)) {
            JsonNode aws = json(server.get("/api/v1/providers/aws-us-east-1/dependents"));
            JsonNode venmo = StreamSupport.stream(aws.path("direct").spliterator(), false)
                    .filter(d -> d.path("id").asText().equals("venmo"))
                    .findFirst()
                    .orElseThrow();
            assertThat(venmo.path("evidence").asText()).isEqualTo("reported");
            assertThat(venmo.path("source").asText()).contains("2025-10-20");
            assertThat(aws.path("all")).extracting(JsonNode::asText).contains("venmo", "snapchat", "signal");

            assertThat(server.get("/api/v1/providers/nope/dependents").statusCode())
                    .isEqualTo(404);
            var service = server.get("/api/v1/providers/whatsapp/dependents");
            assertThat(service.statusCode()).isEqualTo(404);
            assertThat(json(service).path("error").asText()).contains("is a service, not a provider");
        }
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        try (var server = new TestServer(dir, s -> s)) {
            assertThat(json(server.get("/healthz")).path("status").asText()).isEqualTo("ok");
            server.report("{\"service\":\"x\",\"problem\":\"app\"}");
            server.report("{\"service\":\"x\",\"problem\":\"app\"}");
            server.report("{\"service\":\"nope\",\"problem\":\"app\"}");
            String metrics = server.get("/metrics").body();
            assertThat(metrics)
                    .contains("epicenter_reports_total{outcome=\"counted\",reason=\"none\",transport=\"http\"} 1.0")
                    .contains(
                            "epicenter_reports_total{outcome=\"deduplicated\",reason=\"none\",transport=\"http\"} 1.0")
                    .contains(
                            "epicenter_reports_total{outcome=\"rejected\",reason=\"unknown_service\",transport=\"http\"} 1.0")
                    .contains("epicenter_store_batch_size_count")
                    .contains("epicenter_store_batch_latency_seconds")
                    .contains(
                            "epicenter_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/reports\",status=\"201\"}")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteTheServerServes() {
        try (var server = new TestServer(dir, s -> s)) {
            JsonNode paths = json(server.get("/api/v1/openapi.json")).path("paths");
            var documented = new ArrayList<String>();
            paths.fields()
                    .forEachRemaining(p -> p.getValue()
                            .fieldNames()
                            .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
            assertThat(server.routes()).isNotEmpty();
            assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routes());
        }
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndCorsIsOffByDefault() {
        try (var server = new TestServer(dir, s -> s)) {
            for (HttpResponse<String> r : List.of(
                    server.get("/api/v1/services/x"),
                    server.get("/no/such/page"),
                    server.report("{"),
                    server.report("{\"service\":\"x\",\"problem\":\"app\"}"))) {
                assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
                assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
                assertThat(r.headers().firstValue("Content-Security-Policy"))
                        .get()
                        .asString()
                        .contains("frame-ancestors 'none'");
                assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
                assertThat(r.headers().firstValue("Cross-Origin-Opener-Policy")).contains("same-origin");
                assertThat(r.headers().firstValue("Permissions-Policy"))
                        .get()
                        .asString()
                        .contains("camera=()");
            }
            var cross = server.send(
                    HttpRequest.newBuilder(server.uri("/api/v1/services")).header("Origin", "https://evil.example"));
            assertThat(cross.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
            assertThat(server.get("/api/v1/services").headers().firstValue("Cache-Control"))
                    .contains("public, max-age=5");
            String etag = server.get("/api/v1/services/whatsapp")
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow();
            var again = server.send(HttpRequest.newBuilder(server.uri("/api/v1/services/whatsapp"))
                    .header("If-None-Match", etag));
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            var stale = server.send(HttpRequest.newBuilder(server.uri("/api/v1/services/whatsapp"))
                    .header("If-None-Match", "\"0-0\""));
            assertThat(stale.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins() {
        try (var server = new TestServer(
                dir,
                s -> TestServer.with(
                        s, "", "", 30, 10, List.of("https://status.example"), TestServer.ADMIN_TOKEN, null))) {
            var allowed = server.send(
                    HttpRequest.newBuilder(server.uri("/api/v1/services")).header("Origin", "https://status.example"));
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("https://status.example");
            var other = server.send(
                    HttpRequest.newBuilder(server.uri("/api/v1/services")).header("Origin", "https://evil.example"));
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
            // Reports are served apart from Javalin (see ReportEndpoint); the same rule holds there.
            String report = "{\"service\":\"x\",\"problem\":\"app\"}";
            var allowedReport = server.report(report, "Origin", "https://status.example");
            assertThat(allowedReport.statusCode()).isEqualTo(201);
            assertThat(allowedReport.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("https://status.example");
            assertThat(allowedReport.headers().firstValue("Vary")).contains("Origin");
            var preflight = server.send(HttpRequest.newBuilder(server.uri("/api/v1/reports"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://status.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type"));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("https://status.example");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                    .get()
                    .asString()
                    .contains("POST");
            var otherReport = server.report(report, "Origin", "https://evil.example");
            assertThat(otherReport.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }
}
