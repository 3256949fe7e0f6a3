package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.epicenter.probes.Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Official status feeds end to end, on a hand-moved clock, against status pages served on
 * 127.0.0.1: a Statuspage summary for "shop" whose ETag changes mid-incident, an RSS feed for the
 * provider "edge", and a page that never answers. The crowd finds shop's outage first; the page
 * acknowledges it later, and the lag is shown, exported and kept across a restart.
 */
class FeedsIT {
    static final Instant T0 = Instant.parse("2025-11-18T00:00:00Z");

    @TempDir
    Path dir;

    HttpServer pages;
    final AtomicReference<String> shopPage = new AtomicReference<>();
    final AtomicReference<String> shopEtag = new AtomicReference<>("\"v1\"");
    final AtomicReference<String> edgeFeed = new AtomicReference<>();
    final AtomicInteger conditional304 = new AtomicInteger();
    TestServer server;

    static String summary(String checkout, String incidents, String maintenance) {
        return """
                {"page": {"id": "p1", "name": "Shop", "url": "https://status.shop.example", "updated_at": "2025-11-18T07:00:00Z"},
                 "components": [
                   {"id": "c1", "name": "Checkout", "status": "%s", "group": false},
                   {"id": "c2", "name": "Search", "status": "operational", "group": false}],
                 "incidents": [%s],
                 "scheduled_maintenances": [%s],
                 "status": {"indicator": "none", "description": "x"}}
                """.formatted(checkout, incidents, maintenance);
    }

    static final String CHECKOUT_INCIDENT = """
            {"id": "inc1", "name": "Checkout errors", "status": "investigating", "impact": "critical",
             "created_at": "2025-11-18T07:08:00Z", "updated_at": "2025-11-18T07:08:00Z", "resolved_at": null,
             "shortlink": "https://stspg.io/inc1",
             "incident_updates": [{"status": "investigating", "body": "We are investigating failed payments at checkout.", "created_at": "2025-11-18T07:08:00Z"},
                                  {"status": "monitoring", "body": "A fix has been deployed.", "created_at": "2025-11-18T07:13:00Z"}],
             "components": [{"id": "c1", "name": "Checkout", "status": "major_outage"}]}""";

    static final String MAINTENANCE = """
            {"id": "m1", "name": "Database upgrade", "status": "scheduled", "impact": "maintenance",
             "created_at": "2025-11-17T10:00:00Z", "updated_at": "2025-11-17T10:00:00Z", "resolved_at": null,
             "shortlink": "https://stspg.io/m1", "incident_updates": [],
             "scheduled_for": "2025-11-18T08:00:00Z", "scheduled_until": "2025-11-18T09:00:00Z",
             "components": [{"id": "c1", "name": "Checkout", "status": "operational"}]}""";

    static String rss(String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Edge status</title><link>https://status.edge.example/</link>
                <description>Edge</description>%s</channel></rss>
                """.formatted(String.join("", items));
    }

    static String item(String title, String date) {
        return "<item><title>" + title + "</title><link>https://status.edge.example/" + date.hashCode()
                + "</link><pubDate>" + date + "</pubDate><guid>" + title.hashCode() + date.hashCode()
                + "</guid><description>" + title + "</description></item>";
    }

    @BeforeEach
    void start() throws IOException {
        shopPage.set(summary("operational", "", ""));
        edgeFeed.set(rss(item("Service is operating normally", "Mon, 17 Nov 2025 10:00:00 GMT")));
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        pages.createContext("/shop/api/v2/summary.json", x -> {
            if (shopEtag.get().equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                conditional304.incrementAndGet();
                x.sendResponseHeaders(304, -1);
                x.close();
                return;
            }
            x.getResponseHeaders().add("ETag", shopEtag.get());
            send(x, "application/json", shopPage.get());
        });
        pages.createContext("/edge/feed.rss", x -> send(x, "application/rss+xml", edgeFeed.get()));
        pages.start();
        int dead;
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            dead = s.getLocalPort();
        }
        int p = pages.getAddress().getPort();
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                entries:
                  - id: edge
                    kind: provider
                    name: {en: Edge, ar: إيدج}
                    category: cdn
                    feeds:
                      - {url: "http://127.0.0.1:%d/edge/feed.rss", format: rss}
                  - id: shop
                    kind: service
                    name: {en: Shop, ar: متجر}
                    category: ecommerce
                    dependsOn: [{id: edge, evidence: confirmed, source: "test"}]
                    feeds:
                      - {url: "http://127.0.0.1:%d/shop/api/v2/summary.json", format: statuspage, components: [Checkout], interval: 10m}
                  - id: ghost
                    kind: service
                    name: {en: Ghost, ar: شبح}
                    category: ecommerce
                    feeds:
                      - {url: "http://127.0.0.1:%d/summary.json", format: statuspage, timeout: 1s}
                """.formatted(p, p, dead));
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
                        new ProbeSettings(null, List.of(Cidr.parse("127.0.0.0/8")), null, true)),
                new TestClock(T0));
    }

    private static void send(HttpExchange x, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(200, b.length);
        try (var out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @AfterEach
    void stop() {
        server.close();
        pages.stop(0);
    }

    @Test
    void theCrowdFirstThenTheOfficialWordWithItsLag() throws Exception {
        var clock = server.clock;
        var events = new LinkedBlockingQueue<String>();
        HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(server.uri("/api/v1/events"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                // on a thread of its own: when the answer is already in, thenAccept would run (and block) here
                .thenAcceptAsync(r -> r.body().forEach(events::add), Thread.ofVirtual()::start);
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");

        server.pollFeedsNow();
        server.pollFeedsNow(); // the second poll of shop is conditional: 304
        assertThat(conditional304.get()).isGreaterThanOrEqualTo(1);
        JsonNode shop = json(server.get("/api/v1/services/shop/official"));
        assertThat(shop.path("state").asText()).isEqualTo("operational");
        assertThat(shop.path("components"))
                .extracting(c -> c.path("name").asText())
                .containsExactly("Checkout");
        assertThat(shop.path("feeds").get(0).path("lastSuccess").isNull()).isFalse();

        // a page that never answers is a signal, not a crash
        JsonNode ghost = json(server.get("/api/v1/services/ghost")).path("official");
        assertThat(ghost.path("unreachableSince").asText()).as(ghost.toString()).isNotEmpty();
        JsonNode ghostFeed = json(server.get("/api/v1/services/ghost/official"))
                .path("feeds")
                .get(0);
        assertThat(ghostFeed.path("failures").asInt())
                .as("ours, and the schedule's own first poll")
                .isGreaterThanOrEqualTo(2);
        assertThat(ghostFeed.path("lastError").asText()).contains("Connect");
        assertThat(json(server.get("/api/v1/feeds")).path("feeds"))
                .filteredOn(f -> f.path("url").asText().startsWith("http://127.0.0.1:"))
                .as("ours, besides the default catalog's (unreachable offline)")
                .hasSize(3);

        // seven quiet hours of reports, then the crowd reports shop failing at 07:00
        for (int minute = 0; minute < 440; minute++) {
            if (minute == 426) {
                server.detectNow();
                // the page speaks at 07:08 (a new ETag mid-incident) and is read at 07:10
                shopPage.set(summary("major_outage", CHECKOUT_INCIDENT, MAINTENANCE));
                shopEtag.set("\"v2\"");
                server.pollFeedsNow();
                server.detectNow();
            }
            if (minute == 436) {
                // resolved: a Statuspage summary simply stops listing the incident
                shopPage.set(summary("operational", "", MAINTENANCE));
                shopEtag.set("\"v3\"");
                server.pollFeedsNow();
            }
            boolean outage = minute >= 420 && minute < 435;
            int n = outage ? 30 : (minute % 2 == 0 ? 2 : 3);
            for (int i = 0; i < n; i++) {
                clock.advance(Duration.ofSeconds(i == 0 ? 0 : 1));
                assertThat(server.report(
                                        "{\"service\":\"shop\",\"problem\":\"payments\",\"country\":\"EG\"}",
                                        "X-Forwarded-For",
                                        TestServer.net(minute * 64 + i))
                                .statusCode())
                        .isEqualTo(201);
            }
            clock.advance(Duration.ofMinutes(1).minusSeconds(n - 1L));
        }
        clock.advance(Duration.ofMinutes(30));
        server.detectNow();

        JsonNode incident = json(server.get("/api/v1/incidents?service=shop"))
                .path("incidents")
                .get(0);
        assertThat(incident.path("start").asText()).isEqualTo("2025-11-18T07:00:00Z");
        Instant confirmed = Instant.parse(incident.path("confirmed").asText());
        assertThat(incident.path("signals")).extracting(JsonNode::asText).containsExactly("reports", "official");
        assertThat(incident.path("official").path("acknowledged").asText()).isEqualTo("2025-11-18T07:08:00Z");
        assertThat(incident.path("official").path("lagSeconds").asLong())
                .isEqualTo(Duration.between(confirmed, Instant.parse("2025-11-18T07:08:00Z"))
                        .toSeconds())
                .isPositive();
        assertThat(incident.path("official").path("title").asText()).isEqualTo("Checkout errors");
        assertThat(incident.path("duringMaintenance").asBoolean()).isFalse();

        // the post-incident report: the crowd first, the page 8 minutes later, its fix, the end
        String report = server.get("/api/v1/incidents/shop/2025-11-18T07:00:00Z/report?format=md")
                .body();
        assertThat(report)
                .startsWith("# Post-incident report: Shop\n")
                .contains("| 2025-11-18 07:00 | first signal |")
                .contains("| detected by Epicenter | signals: reports, official |")
                .contains("| 2025-11-18 07:08 | officially acknowledged | Checkout errors |")
                .contains("| 2025-11-18 07:13 | mitigation | the status page: monitoring: A fix has been deployed. |")
                .contains("| resolved |")
                .contains("| payments |");
        JsonNode reportJson = json(server.get("/api/v1/incidents/shop/2025-11-18T07:00:00Z/report"));
        assertThat(reportJson.path("timeline"))
                .extracting(e -> e.path("what").asText())
                .containsExactly(
                        "first signal",
                        "peak",
                        "detected by Epicenter",
                        "officially acknowledged",
                        "mitigation",
                        "resolved");
        assertThat(server.get("/api/v1/incidents/shop/yesterday/report").statusCode())
                .isEqualTo(400);
        assertThat(server.get("/api/v1/incidents/shop/2025-11-18T06:00:00Z/report")
                        .statusCode())
                .isEqualTo(404);

        JsonNode official = json(server.get("/api/v1/services/shop/official"));
        assertThat(official.path("state").asText()).isEqualTo("operational");
        assertThat(official.path("history"))
                .extracting(h -> h.path("id").asText())
                .as("the incident and the announced window")
                .containsExactly("inc1", "m1");
        assertThat(List.of(official.path("history").get(0))).singleElement().satisfies(h -> {
            assertThat(h.path("title").asText()).isEqualTo("Checkout errors");
            assertThat(h.path("resolved").asText())
                    .as("closed when the page stopped listing it")
                    .isEqualTo("2025-11-18T07:16:00Z");
            assertThat(h.path("firstSeen").asText()).isEqualTo("2025-11-18T07:06:00Z");
        });
        assertThat(official.path("maintenance"))
                .singleElement()
                .satisfies(m -> assertThat(m.path("from").asText()).isEqualTo("2025-11-18T08:00:00Z"));
        assertThat(json(server.get("/api/v1/services/shop/reports?hours=3")).path("maintenance"))
                .as("the window is ahead")
                .isEmpty();
        assertThat(server.get("/metrics").body())
                .contains("epicenter_official_acknowledgement_lag_seconds_count 1")
                .contains("epicenter_official_acknowledged_total{first=\"epicenter\"} 1")
                .containsPattern("epicenter_feed_polls_total\\{host=\"127.0.0.1\",outcome=\"failed\"} [1-9]");

        // the provider's RSS posts a disruption nobody reported: an incident on the official word alone
        edgeFeed.set(rss(
                item("Service disruption: elevated errors at the edge", "Tue, 18 Nov 2025 07:40:00 GMT"),
                item("Service is operating normally", "Mon, 17 Nov 2025 10:00:00 GMT")));
        server.pollFeedsNow();
        JsonNode edge =
                json(server.get("/api/v1/incidents?service=edge&state=open")).path("incidents");
        assertThat(edge).singleElement().satisfies(i -> {
            assertThat(i.path("signals")).extracting(JsonNode::asText).containsExactly("official");
            assertThat(i.path("evidence").asText())
                    .isEqualTo("officially major outage: Service disruption: elevated errors at the edge");
        });
        assertThat(json(server.get("/api/v1/services/edge"))
                        .path("official")
                        .path("status")
                        .asText())
                .isEqualTo("major_outage");

        // a broken body keeps the last word and says what is wrong
        edgeFeed.set("<rss><channel><item><title>half");
        server.pollFeedsNow();
        JsonNode edgeFeedState = json(server.get("/api/v1/services/edge/official"));
        assertThat(edgeFeedState.path("state").asText()).isEqualTo("major_outage");
        assertThat(edgeFeedState.path("feeds").get(0).path("lastError").asText())
                .startsWith("not a valid rss feed: ");

        edgeFeed.set(rss(
                item("[RESOLVED] Service disruption: elevated errors at the edge", "Tue, 18 Nov 2025 07:55:00 GMT"),
                item("Service disruption: elevated errors at the edge", "Tue, 18 Nov 2025 07:40:00 GMT")));
        server.pollFeedsNow();
        assertThat(json(server.get("/api/v1/incidents?service=edge&state=open")).path("incidents"))
                .isEmpty();
        assertThat(json(server.get("/api/v1/incidents?service=edge&state=resolved"))
                        .path("incidents"))
                .singleElement()
                .satisfies(i -> assertThat(i.path("end").asText()).isEqualTo("2025-11-18T07:55:00Z"));

        var seen = new ArrayList<String>();
        for (String line = events.poll(5, TimeUnit.SECONDS); line != null; line = events.poll(1, TimeUnit.SECONDS)) {
            if (line.startsWith("event: official.") || line.startsWith("event: incident.acknowledged")) {
                seen.add(line.substring(7) + " " + events.poll(1, TimeUnit.SECONDS));
            }
        }
        assertThat(seen)
                .anySatisfy(e -> assertThat(e).startsWith("official.unreachable data: {\"url\":\"http://127.0.0.1:"));
        assertThat(seen)
                .anySatisfy(e -> assertThat(e)
                        .startsWith("official.status data: {\"service\":\"shop\",\"status\":\"major_outage\""));
        assertThat(seen)
                .anySatisfy(e -> assertThat(e)
                        .startsWith("incident.acknowledged data: {")
                        .contains("\"service\":\"shop\"")
                        .contains("\"lagSeconds\":"));

        // the page and browser, both languages
        String live = server.get("/api/v1/incidents?service=shop").body();
        try (var chromium = new Chromium()) {
            var browser = chromium.browser;
            pages(browser, incident);
            afterRestartInsideTheWindow(browser, live);
        }
    }

    private void pages(com.microsoft.playwright.Browser browser, JsonNode incident) {
        long lagMinutes =
                Math.round(incident.path("official").path("lagSeconds").asLong() / 60.0);
        for (String lang : List.of("en", "ar")) {
            var context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(1280, 1000)
                    .setTimezoneId("UTC"));
            var page = context.newPage();
            var errors = new ArrayList<String>();
            page.onPageError(errors::add);
            page.navigate(server.uri("/s/shop?lang=" + lang).toString());
            page.waitForSelector("#official-state");
            assertThat(page.textContent("#official-state")).contains(lang.equals("en") ? "Operational" : "تعمل");
            assertThat(page.textContent("#maintenance"))
                    .contains("Database upgrade")
                    .contains("–");
            assertThat(page.textContent("#official")).doesNotContain("null").doesNotContain("[object");
            // times carry the visitor's zone (the browser runs in UTC here), isolated for right-to-left text
            String history = page.textContent("#main .incident-list").replaceAll("[\u2066-\u2069]", "");
            if (lang.equals("en")) {
                assertThat(history)
                        .contains("Officially acknowledged at 07:08 AM UTC, " + lagMinutes
                                + " minutes after Epicenter confirmed it");
            } else {
                assertThat(history)
                        .contains("أقرّت به الصفحة الرسمية الساعة 07:08")
                        .contains("بعد "
                                + (lagMinutes == 1
                                        ? "دقيقة واحدة"
                                        : lagMinutes == 2
                                                ? "دقيقتان"
                                                : lagMinutes <= 10 ? lagMinutes + " دقائق" : lagMinutes + " دقيقة")
                                + " من تأكيد إبيسنتر له");
            }
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setFullPage(true)
                    .setPath(Path.of("target", "screenshots", "official-" + lang + ".png")));
            page.navigate(server.uri("/s/ghost?lang=" + lang).toString());
            page.waitForSelector("#official-unreachable");
            assertThat(page.textContent("#official-unreachable").replaceAll("[\\u2066-\\u2069]", ""))
                    .startsWith(
                            lang.equals("en")
                                    ? "The status page has not answered since 12:00 AM"
                                    : "صفحة الحالة لا تستجيب منذ 12:00");
            // never its last (stale) word: unknown since it stopped answering
            assertThat(page.textContent("#official-state").replaceAll("[\\u2066-\\u2069]", ""))
                    .startsWith(lang.equals("en") ? "unknown since 12:00 AM" : "غير معروفة منذ 12:00")
                    .doesNotContain(lang.equals("en") ? "Operational" : "تعمل");
            page.navigate(server.uri("/s/edge?lang=" + lang).toString());
            page.waitForSelector("#official-state");
            if (lang.equals("en")) {
                page.click("#main .incident-list a");
                page.waitForSelector("#signals");
                assertThat(page.textContent("#signals")).isEqualTo("Signals: official status page");
                assertThat(page.textContent("#evidence")).isEqualTo("announced by the official status page");
            }
            assertThat(errors).isEmpty();
            context.close();
        }
    }

    private void afterRestartInsideTheWindow(com.microsoft.playwright.Browser browser, String live) {
        var clock = server.clock;
        server.restart(); // official incidents come back from the store: the lag is still known
        assertThat(server.get("/api/v1/incidents?service=shop").body()).isEqualTo(live);
        assertThat(json(server.get("/api/v1/services/shop/official")).path("history"))
                .hasSize(2);

        // inside the announced window: the state says so, and the reports of those minutes are labelled
        clock.advance(Duration.between(clock.instant(), Instant.parse("2025-11-18T08:30:00Z")));
        server.pollFeedsNow();
        server.detectNow();
        assertThat(json(server.get("/api/v1/services/shop"))
                        .path("official")
                        .path("status")
                        .asText())
                .isEqualTo("maintenance");
        JsonNode series = json(server.get("/api/v1/services/shop/reports?hours=3"));
        assertThat(series.path("maintenance")).singleElement().satisfies(m -> {
            assertThat(m.path("title").asText()).isEqualTo("Database upgrade");
            assertThat(m.path("until").asText()).isEqualTo("2025-11-18T09:00:00Z");
        });
        var page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setViewportSize(1280, 1000)
                        .setTimezoneId("UTC"))
                .newPage();
        page.navigate(server.uri("/s/shop?lang=en").toString());
        page.waitForSelector("#official-state");
        assertThat(page.textContent("#official-state")).contains("Maintenance");
        assertThat(page.locator("#chart rect.maintenance-window").count())
                .as("the window is shaded on the chart")
                .isEqualTo(1);
        page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                .setFullPage(true)
                .setPath(Path.of("target", "screenshots", "official-maintenance-en.png")));
    }
}
