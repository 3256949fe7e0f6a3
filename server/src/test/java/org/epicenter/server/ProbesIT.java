package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.epicenter.probes.Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes end to end on real time: a server that runs no probes itself, two agents ("riyadh",
 * "cairo") in this JVM against a real HTTP target on 127.0.0.1 that can fail for one location
 * (it reads the location from the probe's User-Agent), for all, or only on the backup path.
 */
class ProbesIT {
    static final String AGENT_TOKEN = "test-agent-token-0123456789abcdef";
    private static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"));

    @TempDir
    Path dir;

    private HttpServer target;
    private final Set<String> failMainFor = ConcurrentHashMap.newKeySet();
    private volatile boolean backupBroken;
    private TestServer server;
    private Agent riyadh;
    private Agent cairo;
    private int port;

    @BeforeEach
    void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        target.createContext("/main", x -> {
            String ua = x.getRequestHeaders().getFirst("User-Agent");
            boolean fail = failMainFor.contains("all")
                    || failMainFor.stream().anyMatch(l -> ua != null && ua.contains("location " + l + ")"));
            send(x, fail ? 503 : 200);
        });
        target.createContext("/backup", x -> send(x, backupBroken ? 502 : 200));
        target.start();
        int t = target.getAddress().getPort();
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                entries:
                  - id: pay
                    kind: service
                    name: {en: Pay, ar: دفع}
                    category: payments
                    probes:
                      - {name: main, kind: http, target: "http://127.0.0.1:%d/main", interval: 5s, timeout: 2s, conditions: ["status == 200"]}
                      - {name: backup, kind: http, target: "http://127.0.0.1:%d/backup", interval: 5s, timeout: 2s, backupOf: main}
                """.formatted(t, t));
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        server = TestServer.realTime(
                dir.resolve("data"),
                s -> TestServer.withProbes(
                        new ServerSettings(
                                s.host(),
                                port,
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
                                null,
                                null,
                                null,
                                null,
                                null,
                                s.store(),
                                s.cluster()),
                        new ProbeSettings(null, List.of(), AGENT_TOKEN, false)));
    }

    private static void send(com.sun.net.httpserver.HttpExchange x, int status) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, body.length);
        try (var out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        for (Agent a : new Agent[] {riyadh, cairo}) {
            if (a != null) {
                a.close();
            }
        }
        server.close();
        target.stop(0);
    }

    private Agent agent(String location) {
        var a = new Agent(
                URI.create("http://127.0.0.1:" + port),
                AGENT_TOKEN,
                location,
                LOOPBACK,
                Duration.ofSeconds(1),
                Clock.systemUTC());
        a.start();
        return a;
    }

    /** Polls the probes of pay (running the server's tick first) until {@code condition} holds. */
    private JsonNode await(String what, Predicate<JsonNode> condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < until) {
            server.detectNow();
            last = TestServer.json(server.get("/api/v1/services/pay/probes"));
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what + "; last: " + last);
    }

    private static JsonNode probe(JsonNode view, String name) {
        for (JsonNode p : view.path("probes")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no probe " + name + " in " + view);
    }

    @Test
    void agentsProbeFromTwoLocationsAndTheQuorumDecides() throws Exception {
        riyadh = agent("riyadh");
        cairo = agent("cairo");

        JsonNode up = await(
                "both locations up",
                v -> probe(v, "main").path("state").asText().equals("up")
                        && probe(v, "main").path("locations").size() == 2
                        && probe(v, "backup").path("state").asText().equals("up"));
        assertThat(up.path("status").asText()).isEqualTo("up");
        assertThat(probe(up, "main")
                        .path("locations")
                        .path("riyadh")
                        .path("lastOk")
                        .asBoolean())
                .isTrue();

        // the backup path breaks while the primary works: its own finding, before anyone needs it
        backupBroken = true;
        JsonNode broken =
                await("a backup finding", v -> v.path("backupFindings").size() == 1);
        assertThat(broken.path("backupFindings").get(0).path("detail").asText())
                .contains("stopped working while the primary main works");
        assertThat(broken.path("status").asText())
                .as("the service itself is fine")
                .isEqualTo("up");
        assertThat(TestServer.json(server.get("/api/v1/probes/findings"))
                        .path("backupFindings")
                        .get(0)
                        .path("backup")
                        .asText())
                .isEqualTo("backup");
        backupBroken = false;

        // one location fails: regional, not down
        failMainFor.add("riyadh");
        // the entry's status comes from the last tick, and the backup may not have recovered yet: wait for both
        JsonNode regional = await(
                "regional",
                v -> probe(v, "main").path("state").asText().equals("regional")
                        && v.path("status").asText().equals("regional"));
        assertThat(probe(regional, "main").path("downAt"))
                .extracting(JsonNode::asText)
                .containsExactly("riyadh");
        assertThat(probe(regional, "main")
                        .path("locations")
                        .path("riyadh")
                        .path("lastDetail")
                        .asText())
                .isEqualTo("status 503, expected == 200");
        assertThat(TestServer.json(server.get("/api/v1/services/pay"))
                        .path("probeStatus")
                        .asText())
                .isEqualTo("regional");

        // both fail: the quorum (2 of 2) agrees
        failMainFor.add("all");
        // the entry's status comes from the last tick, the probe's state from the board: wait for both
        JsonNode down = await(
                "down",
                v -> probe(v, "main").path("state").asText().equals("down")
                        && v.path("status").asText().equals("down"));
        assertThat(down.path("status").asText()).isEqualTo("down");

        // and the service page shows it, per location, in both languages
        try (var chromium = new Chromium()) {
            var browser = chromium.browser;
            for (String lang : List.of("en", "ar")) {
                var page = browser.newContext(
                                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 1000))
                        .newPage();
                var errors = new java.util.ArrayList<String>();
                page.onPageError(errors::add);
                page.navigate(server.uri("/s/pay?lang=" + lang).toString());
                page.waitForSelector("#probes tr[data-location=riyadh]");
                assertThat(page.textContent("#probes tr[data-probe=main][data-location=riyadh]"))
                        .contains(lang.equals("en") ? "Down" : "متوقف")
                        .contains("status 503");
                assertThat(page.textContent("#probe-status"))
                        .contains(lang.equals("en") ? "Probes: Down" : "المجسّات: متوقف");
                assertThat(page.textContent("#headline"))
                        .startsWith(
                                lang.equals("en")
                                        ? "Our probes cannot reach Pay since"
                                        : "تعذّر على مجسّاتنا الوصول إلى دفع منذ");
                assertThat(page.textContent("#status"))
                        .doesNotContain(lang.equals("en") ? "peak" : "الذروة")
                        .doesNotContain(lang.equals("en") ? "No problems" : "لا مشكلات");
                if (lang.equals("en")) {
                    page.click("#main .incident-list a");
                    page.waitForSelector("#signals");
                    assertThat(page.textContent("#signals")).isEqualTo("Signals: our probes");
                    assertThat(page.textContent("#evidence")).isEqualTo("found by our probes while nobody reported");
                    page.navigate(server.uri("/s/pay?lang=en").toString());
                    page.waitForSelector("#probes tr[data-location=riyadh]");
                }
                page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                        .setFullPage(true)
                        .setPath(Path.of("target", "screenshots", "probes-" + lang + ".png")));
                assertThat(errors).isEmpty();
            }
        }

        // nobody reported: the probes alone opened an incident, and close it when the target is back
        JsonNode open = TestServer.json(server.get("/api/v1/incidents?service=pay&state=open"))
                .path("incidents");
        assertThat(open).singleElement().satisfies(i -> {
            assertThat(i.path("signals")).extracting(JsonNode::asText).containsExactly("probes");
            assertThat(i.path("evidence").asText()).contains("probes down at").contains("status 503");
        });
        failMainFor.clear();
        await(
                "recovery",
                v -> !probe(v, "main").path("state").asText().equals("down")
                        && !probe(v, "main").path("state").asText().equals("regional"));
        server.detectNow();
        JsonNode resolved = TestServer.json(server.get("/api/v1/incidents?service=pay&state=resolved"))
                .path("incidents");
        assertThat(resolved)
                .singleElement()
                .satisfies(i -> assertThat(Instant.parse(i.path("end").asText()))
                        .isAfter(Instant.parse(i.path("start").asText())));
    }

    @Test
    void anAgentKeepsItsResultsWhileTheServerRestarts() throws Exception {
        riyadh = agent("riyadh");
        await(
                "riyadh verified",
                v -> probe(v, "main")
                        .path("locations")
                        .path("riyadh")
                        .path("lastOk")
                        .asBoolean());

        server.close();
        Instant downFrom = Instant.now();
        Thread.sleep(11_000); // two runs of each probe while nobody listens
        Instant downTo = Instant.now();
        server.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Instant> during = List.of();
        while (System.nanoTime() < deadline && during.size() < 2) {
            JsonNode results = TestServer.json(server.get("/api/v1/services/pay/probes/main/results?hours=1"))
                    .path("results");
            var seen = new java.util.ArrayList<Instant>();
            results.forEach(r -> {
                Instant at = Instant.parse(r.path("at").asText());
                if (!at.isBefore(downFrom) && at.isBefore(downTo)) {
                    seen.add(at);
                }
            });
            during = seen;
            Thread.sleep(250);
        }
        assertThat(during)
                .as("results measured while the server was down arrive after it is back")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(riyadh.dropped()).isZero();
    }

    @Test
    void agentRoutesNeedATokenAndRefuseBadBatchesPrecisely() {
        var noToken = server.send(
                HttpRequest.newBuilder(server.uri("/api/v1/agent/assignments")).GET());
        assertThat(noToken.statusCode()).isEqualTo(401);

        var assignments = server.send(HttpRequest.newBuilder(server.uri("/api/v1/agent/assignments"))
                .header("Authorization", "Bearer " + AGENT_TOKEN)
                .GET());
        assertThat(assignments.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(assignments).path("probes"))
                .filteredOn(a -> a.path("entry").asText().equals("pay"))
                .extracting(a -> a.path("probe").path("name").asText())
                .containsExactly("main", "backup");
        var unchanged = server.send(HttpRequest.newBuilder(server.uri("/api/v1/agent/assignments"))
                .header("Authorization", "Bearer " + AGENT_TOKEN)
                .header(
                        "If-None-Match",
                        assignments.headers().firstValue("ETag").orElseThrow())
                .GET());
        assertThat(unchanged.statusCode()).isEqualTo(304);

        var agentCannotAdmin = server.send(HttpRequest.newBuilder(server.uri("/api/v1/admin/probes"))
                .header("Authorization", "Bearer " + AGENT_TOKEN)
                .GET());
        assertThat(agentCannotAdmin.statusCode()).isEqualTo(401);

        String now = Instant.now().toString();
        var wrongType = push("{\"location\":\"riyadh\",\"results\":[{\"entry\":\"pay\",\"probe\":\"main\",\"at\":\""
                + now + "\",\"ok\":\"yes\"}]}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(wrongType).path("field").asText()).isEqualTo("results[0].ok");
        var future = push(
                "{\"location\":\"riyadh\",\"results\":[{\"entry\":\"pay\",\"probe\":\"main\",\"at\":\"2099-01-01T00:00:00Z\",\"ok\":true}]}");
        assertThat(TestServer.json(future).path("field").asText()).isEqualTo("results[0].at");
        var badLocation = push("{\"location\":\"Riyadh City\",\"results\":[]}");
        assertThat(TestServer.json(badLocation).path("field").asText()).isEqualTo("location");
        var mixed = push("{\"location\":\"riyadh\",\"results\":[{\"entry\":\"pay\",\"probe\":\"main\",\"at\":\"" + now
                + "\",\"ok\":true,\"latencyMs\":12}," + "{\"entry\":\"pay\",\"probe\":\"gone\",\"at\":\"" + now
                + "\",\"ok\":true}]}");
        assertThat(mixed.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(mixed).path("accepted").asInt()).isEqualTo(1);
        assertThat(TestServer.json(mixed).path("unknown"))
                .extracting(JsonNode::asText)
                .containsExactly("pay/gone");
    }

    private java.net.http.HttpResponse<String> push(String json) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/agent/results"))
                .header("Authorization", "Bearer " + AGENT_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void probesAreManagedThroughTheAdminApiWithTheCatalogsChecks() {
        var badCondition = server.send(
                server.admin("/api/v1/admin/catalog/pay/probes/dns")
                        .header("Content-Type", "application/json")
                        .PUT(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"name\":\"dns\",\"kind\":\"dns\",\"target\":\"pay.example.com\",\"conditions\":[\"dns_rcode == FINE\"]}")));
        assertThat(badCondition.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(badCondition).path("field").asText()).isEqualTo("conditions[0]");
        assertThat(TestServer.json(badCondition).path("error").asText())
                .contains("column 14")
                .contains("unknown DNS response code \"FINE\"");

        var created = server.send(
                server.admin("/api/v1/admin/catalog/pay/probes/dns")
                        .header("Content-Type", "application/json")
                        .PUT(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"name\":\"dns\",\"kind\":\"dns\",\"target\":\"pay.example.com\",\"resolver\":\"9.9.9.9\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(
                                server.send(server.admin("/api/v1/admin/probes").GET()))
                        .path("probes"))
                .filteredOn(a -> a.path("entry").asText().equals("pay"))
                .hasSize(3);

        var primaryWithBackup = server.send(
                server.admin("/api/v1/admin/catalog/pay/probes/main").DELETE());
        assertThat(primaryWithBackup.statusCode()).isEqualTo(409);
        assertThat(server.send(server.admin("/api/v1/admin/catalog/pay/probes/backup")
                                .DELETE())
                        .statusCode())
                .isEqualTo(204);
        assertThat(server.send(server.admin("/api/v1/admin/catalog/pay/probes/backup")
                                .DELETE())
                        .statusCode())
                .isEqualTo(404);

        server.restart();
        var after = TestServer.json(
                        server.send(server.admin("/api/v1/admin/probes").GET()))
                .path("probes");
        assertThat(after)
                .filteredOn(a -> a.path("entry").asText().equals("pay"))
                .extracting(p -> p.path("probe").path("name").asText())
                .containsExactlyInAnyOrder("main", "dns");
    }
}
