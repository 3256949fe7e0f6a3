package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.epicenter.probes.Cidr;
import org.epicenter.server.alert.channel.webhook.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts end to end, on a hand-moved clock, to receivers on 127.0.0.1. Two shops behind one CDN
 * fail together while a lone shop fails at the same time. Each subscription hears one alert for the
 * cause and one for the lone shop, each with its resolution: never one per victim, never twice.
 * One receiver answers 500 once, one never answers, and the server restarts in the middle.
 */
class AlertsIT {
    static final String SECRET = "0123456789abcdef-secret";

    @TempDir
    Path dir;

    HttpServer receivers;

    record Received(String path, String key, String signature, String body, int status) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger flakyCalls = new AtomicInteger();
    final Map<String, Boolean> hanging = new ConcurrentHashMap<>();
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        receivers = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        for (String path : List.of("/hook", "/flaky", "/hang", "/slack", "/ntfy")) {
            receivers.createContext(path, x -> receive(path, x));
        }
        receivers.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        receivers.start();
        Path catalog = CausesIT.catalog(dir);
        server = new TestServer(
                dir.resolve("data"),
                s -> TestServer.withProbes(
                        TestServer.with(
                                s,
                                "",
                                "X-Forwarded-For",
                                1_000_000,
                                1_000_000,
                                List.of(),
                                TestServer.ADMIN_TOKEN,
                                catalog),
                        new ProbeSettings(null, List.of(Cidr.parse("127.0.0.0/8")), null, false)),
                new TestClock(CausesIT.T0));
    }

    private void receive(String path, HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        if (path.equals("/flaky") && flakyCalls.getAndIncrement() == 0) {
            status = 500;
        }
        if (path.equals("/hang")) {
            hanging.put(x.getRequestHeaders().getFirst("Idempotency-Key"), true);
            try {
                Thread.sleep(60_000); // never answers within the channel's 10 s
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        received.add(new Received(
                path,
                x.getRequestHeaders().getFirst("Idempotency-Key"),
                x.getRequestHeaders().getFirst("X-Epicenter-Signature"),
                body,
                status));
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    @AfterEach
    void stop() {
        server.close();
        receivers.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receivers.getAddress().getPort() + path;
    }

    private int put(String path, String json) {
        return server.send(server.admin(path)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)))
                .statusCode();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private List<Received> at(String path, int status) {
        return received.stream()
                .filter(r -> r.path().equals(path) && r.status() == status)
                .toList();
    }

    private static JsonNode body(Received r) {
        try {
            return new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAlertsFileIsAppliedAtStart() throws Exception {
        server.close();
        Path alerts = dir.resolve("alerts.yaml");
        java.nio.file.Files.writeString(alerts, """
                subscriptions:
                  - {id: from-file, channel: discord, url: "https://discord.example/api/webhooks/1/x", providers: [edge]}
                silences:
                  - {id: quiet, services: [lone], from: "2025-11-18T00:00:00Z", until: "2025-11-19T00:00:00Z"}
                """);
        Path catalog = CausesIT.catalog(dir);
        server = new TestServer(
                dir.resolve("data2"),
                s -> new ServerSettings(
                        s.host(),
                        s.port(),
                        s.dataDir(),
                        catalog,
                        s.dedupWindow(),
                        s.rawRetention(),
                        s.aggregateRetention(),
                        s.reportsPerMinute(),
                        s.reportBurst(),
                        s.maxBodyBytes(),
                        "",
                        "",
                        List.of(),
                        s.adminToken(),
                        s.commitBatch(),
                        s.probes(),
                        null,
                        null,
                        alerts,
                        null,
                        s.store(),
                        s.cluster()),
                new TestClock(CausesIT.T0));
        assertThat(json(server.send(server.admin("/api/v1/admin/subscriptions")))
                        .path("subscriptions"))
                .singleElement()
                .satisfies(x -> assertThat(x.path("id").asText()).isEqualTo("from-file"));
        assertThat(json(server.send(server.admin("/api/v1/admin/silences"))).path("silences"))
                .hasSize(1);
    }

    @Test
    void oneAlertPerCauseAndSubscriptionEachWithItsResolutionAcrossFailuresAndARestart() throws Exception {
        assertThat(put(
                        "/api/v1/admin/subscriptions/ops",
                        "{\"id\":\"ops\",\"channel\":\"webhook\",\"url\":\"" + url("/hook") + "\",\"secret\":\""
                                + SECRET + "\"}"))
                .isEqualTo(201);
        assertThat(put(
                        "/api/v1/admin/subscriptions/flaky",
                        "{\"id\":\"flaky\",\"channel\":\"webhook\",\"url\":\"" + url("/flaky")
                                + "\",\"services\":[\"shop-a\"]}"))
                .isEqualTo(201);
        assertThat(put(
                        "/api/v1/admin/subscriptions/hang",
                        "{\"id\":\"hang\",\"channel\":\"webhook\",\"url\":\"" + url("/hang") + "\"}"))
                .isEqualTo(201);
        assertThat(put(
                        "/api/v1/admin/subscriptions/chat",
                        "{\"id\":\"chat\",\"channel\":\"slack\",\"url\":\"" + url("/slack")
                                + "\",\"providers\":[\"edge\"]}"))
                .isEqualTo(201);
        assertThat(put(
                        "/api/v1/admin/subscriptions/lone",
                        "{\"id\":\"lone\",\"channel\":\"ntfy\",\"url\":\"" + url("/ntfy")
                                + "\",\"services\":[\"lone\"]}"))
                .isEqualTo(201);
        // bad input: named precisely, nothing stored
        var bad = server.send(server.admin("/api/v1/admin/subscriptions/x")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"x\",\"channel\":\"pager\",\"url\":\"https://p.example\"}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).contains("unknown channel \"pager\"");
        var noUrl = server.send(server.admin("/api/v1/admin/subscriptions/x")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"x\",\"channel\":\"webhook\",\"url\":\"https://h.example\",\"colour\":\"red\"}")));
        assertThat(json(noUrl).path("field").asText()).isEqualTo("colour");
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/api/v1/admin/subscriptions")))
                        .statusCode())
                .as("admin only")
                .isEqualTo(401);
        JsonNode listed = json(server.send(server.admin("/api/v1/admin/subscriptions")));
        assertThat(listed.path("subscriptions")).hasSize(5);
        assertThat(listed.toString()).doesNotContain(SECRET);

        // 07:00: shop-a and shop-b behind the CDN fail together, and so does the lone shop
        CausesIT.traffic(server, Set.of("shop-a", "shop-b", "lone"), 431);
        server.detectNow();
        server.dispatchAlertsNow();
        await("the cause and the lone shop at ops", () -> at("/hook", 200).size() >= 2);
        assertThat(hanging)
                .as("the receiver that never answers holds up no other")
                .isNotEmpty();
        await("flaky's first try", () -> flakyCalls.get() >= 1);

        // the server goes down while the hanging receiver still holds its alert, and comes back
        server.restart();
        server.clock.advance(Duration.ofSeconds(15)); // the flaky receiver's retry is due
        server.detectNow();
        server.dispatchAlertsNow();
        await("flaky's retry", () -> at("/flaky", 200).size() >= 1);

        // quiet again: every incident ends, and the resolutions go out
        for (int minute = 0; minute < 40; minute++) {
            for (String shop : List.of("shop-a", "shop-b", "shop-c", "lone")) {
                server.report(
                        "{\"service\":\"" + shop + "\",\"problem\":\"payments\",\"country\":\"AE\"}",
                        "X-Forwarded-For",
                        TestServer.net(minute * 8
                                + List.of("shop-a", "shop-b", "shop-c", "lone").indexOf(shop)));
            }
            server.clock.advance(Duration.ofMinutes(1));
            if (minute % 5 == 4) {
                server.detectNow();
            }
        }
        server.detectNow();
        server.dispatchAlertsNow();
        await("the resolutions at ops", () -> at("/hook", 200).size() >= 4);
        Thread.sleep(500);
        server.detectNow();
        server.dispatchAlertsNow();
        Thread.sleep(500);

        // Delivery is at least once: a notification whose answer was lost is sent again, with the same
        // idempotency key and body, and a receiver keeps the first. Count what such a receiver keeps.
        List<Received> delivered = at("/hook", 200);
        var firstByKey = new java.util.LinkedHashMap<String, Received>();
        for (Received r : delivered) {
            Received first = firstByKey.putIfAbsent(r.key(), r);
            if (first != null) {
                assertThat(r.body()).as("the same notification again").isEqualTo(first.body());
            }
        }
        List<Received> ops = List.copyOf(firstByKey.values());
        assertThat(ops)
                .as(
                        "at ops: %s",
                        delivered.stream().map(r -> r.key() + " " + r.body()).toList())
                .extracting(r -> body(r).path("kind").asText() + " "
                        + body(r).path("subject").asText())
                .containsExactlyInAnyOrder("firing cause", "firing incident", "resolved cause", "resolved incident");
        for (Received r : ops) {
            assertThat(r.signature())
                    .isEqualTo("sha256=" + Webhook.hmac(SECRET, r.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(body(r).path("version").asInt()).isEqualTo(1);
            assertThat(body(r).path("id").asText()).isEqualTo(r.key());
        }
        JsonNode cause = ops.stream()
                .map(AlertsIT::body)
                .filter(b -> b.path("subject").asText().equals("cause"))
                .findFirst()
                .orElseThrow();
        assertThat(cause.path("provider").asText()).isEqualTo("edge");
        assertThat(cause.path("title").asText())
                .isEqualTo("Edge CDN is the likely epicenter: 2 services that depend on it are failing");
        assertThat(cause.path("services")).extracting(JsonNode::asText).containsExactlyInAnyOrder("shop-a", "shop-b");

        assertThat(received.stream()
                        .filter(r -> r.path().equals("/flaky"))
                        .map(Received::status)
                        .toList())
                .as("500, then the same alert again: delivered once")
                .startsWith(500, 200);
        assertThat(received.stream()
                        .filter(r -> r.path().equals("/flaky"))
                        .map(Received::key)
                        .distinct()
                        .count())
                .as("the cause and its resolution, shop-a being one of its victims")
                .isEqualTo(2);
        assertThat(at("/slack", 200))
                .extracting(r -> r.body().contains("Edge CDN is the likely epicenter"))
                .containsExactly(true, true);
        assertThat(at("/slack", 200).get(1).body()).startsWith("{\"text\":\"Resolved: ");
        assertThat(at("/ntfy", 200))
                .as("the lone shop: its firing and its resolution, nothing of the cause")
                .hasSize(2);

        JsonNode log =
                json(server.send(server.admin("/api/v1/admin/alerts?hours=24"))).path("alerts");
        assertThat(log.toString()).contains("inhibited by cause:edge@");
        assertThat(log)
                .filteredOn(e -> e.path("subscription").asText().equals("hang")
                        && e.path("key").asText().endsWith("|firing"))
                .as("the silent receiver's alerts are kept to try again, not lost")
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.path("state").asText()).isEqualTo("pending"));
        assertThat(server.get("/metrics").body())
                .as("counted since the last restart")
                .contains("epicenter_alerts_total{kind=\"resolved\",outcome=\"sent\"}");

        // nothing is sent twice after another restart
        int before = received.size();
        server.restart();
        server.detectNow();
        server.dispatchAlertsNow();
        Thread.sleep(500);
        assertThat(received.stream().filter(r -> !r.path().equals("/hang")).count())
                .isEqualTo(before);
    }
}
