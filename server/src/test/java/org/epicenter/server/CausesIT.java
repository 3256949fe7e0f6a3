package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The epicenter live, on a hand-moved clock. Three shops sit behind one CDN ("edge") and a fourth
 * stands alone. Two of the three fail together at 07:00 and the lone shop fails at the same time:
 * the CDN is named the epicenter of the two, and the lone shop stays a separate incident.
 */
class CausesIT {
    static final Instant T0 = Instant.parse("2025-11-18T00:00:00Z");
    static final String CATALOG = """
            entries:
              - id: edge
                kind: provider
                name: {en: Edge CDN, ar: شبكة إيدج}
                category: cdn
              - id: shop-a
                kind: service
                name: {en: Shop A, ar: متجر أ}
                category: ecommerce
                dependsOn: [{id: edge, evidence: confirmed, source: test}]
              - id: shop-b
                kind: service
                name: {en: Shop B, ar: متجر ب}
                category: ecommerce
                dependsOn: [{id: edge, evidence: confirmed, source: test}]
              - id: shop-c
                kind: service
                name: {en: Shop C, ar: متجر ج}
                category: ecommerce
                dependsOn: [{id: edge, evidence: confirmed, source: test}]
              - id: lone
                kind: service
                name: {en: Lone Shop, ar: متجر وحيد}
                category: ecommerce
            """;

    @TempDir
    Path dir;

    /** Seven quiet hours for every shop, then {@code failing} at 30 reports a minute from 07:00 for 15 minutes. */
    static void traffic(TestServer server, Set<String> failing, int untilMinute) {
        traffic(server, failing, 0, untilMinute);
    }

    /** The same from {@code fromMinute}: the clock must stand at that minute. */
    static void traffic(TestServer server, Set<String> failing, int fromMinute, int untilMinute) {
        for (int minute = fromMinute; minute < untilMinute; minute++) {
            if (minute >= 424 && minute % 2 == 0) {
                server.detectNow();
            }
            minute(server, minute, failing, 420, 435);
        }
    }

    /**
     * One minute of the shops' traffic: each of {@code failing} at 30 reports a minute when the minute
     * is in [{@code from}, {@code until}), the others 1 or 2; the clock ends at the minute's end.
     */
    static void minute(TestServer server, int minute, java.util.Collection<String> failing, int from, int until) {
        var clock = server.clock;
        var sends = new ArrayList<String>();
        for (String shop : List.of("shop-a", "shop-b", "shop-c", "lone")) {
            boolean outage = failing.contains(shop) && minute >= from && minute < until;
            int n = outage ? 30 : (minute + shop.length()) % 3 == 0 ? 1 : 2;
            for (int i = 0; i < n; i++) {
                sends.add(shop);
            }
        }
        for (int i = 0; i < sends.size(); i++) {
            clock.advance(Duration.ofMillis(i == 0 ? 0 : 55_000 / sends.size()));
            var r = server.report(
                    "{\"service\":\"" + sends.get(i) + "\",\"problem\":\"payments\",\"country\":\"AE\"}",
                    "X-Forwarded-For",
                    TestServer.net(minute * 1024 + i));
            assertThat(r.statusCode()).isEqualTo(201);
        }
        clock.advance(Duration.between(clock.instant(), T0.plus(Duration.ofMinutes(minute + 1))));
    }

    static Path catalog(Path dir) throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CATALOG);
        return file;
    }

    @Test
    void twoOfThreeBehindOneCdnNameItTheLoneShopStaysApart() throws Exception {
        Path catalog = catalog(dir);
        try (var server = new TestServer(
                dir.resolve("data"),
                s -> TestServer.with(
                        s, "", "X-Forwarded-For", 1_000_000, 1_000_000, List.of(), TestServer.ADMIN_TOKEN, catalog),
                new TestClock(T0))) {
            traffic(server, Set.of("shop-a", "shop-b", "lone"), 430);
            server.detectNow();

            JsonNode causes = json(server.get("/api/v1/causes?state=open")).path("causes");
            assertThat(causes).as(causes.toString()).singleElement().satisfies(c -> {
                assertThat(c.path("provider").asText()).isEqualTo("edge");
                assertThat(c.path("dependents"))
                        .extracting(JsonNode::asText)
                        .containsExactlyInAnyOrder("shop-a", "shop-b");
                assertThat(c.path("dependentsMonitored").asInt()).isEqualTo(3);
                assertThat(c.path("ownTrouble").asBoolean()).isFalse();
                assertThat(c.path("countries").get(0).asText()).isEqualTo("AE");
                assertThat(c.path("explanation").asText())
                        .startsWith("2 of 3 monitored services that depend on Edge CDN failed");
            });
            for (JsonNode i : json(server.get("/api/v1/incidents?state=open")).path("incidents")) {
                String want = i.path("service").asText().equals("lone") ? null : "edge";
                assertThat(
                                i.path("epicenter").isNull()
                                        ? null
                                        : i.path("epicenter").path("provider").asText())
                        .as(i.toString())
                        .isEqualTo(want);
            }

            String md = server.get("/api/v1/causes/edge/2025-11-18T07:00:00Z/report?format=md")
                    .body();
            assertThat(md)
                    .startsWith("# Post-incident report: Edge CDN (common cause)\n")
                    .contains("Shop A failed")
                    .contains("Shop B failed")
                    .contains("- **Affected services:** shop-a, shop-b")
                    .contains("2 of 3 monitored services that depend on Edge CDN failed");
            JsonNode report = json(server.get("/api/v1/causes/edge/2025-11-18T07:00:00Z/report"));
            assertThat(report.path("reports").asLong())
                    .as("two shops, ten loud minutes so far")
                    .isGreaterThan(2 * 9 * 25);
            assertThat(report.path("problems").path("payments").asLong())
                    .isEqualTo(report.path("reports").asLong());

            // a link made before a back-dated victim moved the cause's start still opens it
            assertThat(server.get("/c/edge/2025-11-18T07:05:00Z").statusCode()).isEqualTo(200);
            assertThat(server.get("/c/edge/2025-11-18T06:00:00Z").statusCode())
                    .as("before the cause")
                    .isEqualTo(404);
            // the provider's Atom feed carries the outages it is the likely epicenter of
            assertThat(server.get("/api/v1/incidents.atom?service=edge").body())
                    .contains("Shop A: problems since")
                    .contains("rel=\"self\"");
            try (var chromium = new Chromium()) {
                var browser = chromium.browser;
                for (String lang : List.of("en", "ar")) {
                    var page = browser.newContext(
                                    new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))
                            .newPage();
                    var errors = new ArrayList<String>();
                    page.onPageError(errors::add);
                    page.navigate(server.uri("/?lang=" + lang).toString());
                    page.waitForSelector(".epicenter[data-provider=edge]");
                    assertThat(page.textContent(".epicenter"))
                            .contains(
                                    lang.equals("en")
                                            ? "Edge CDN is the likely epicenter: 2 services that depend on it failed together"
                                            : "شبكة إيدج هو مصدر العطل المرجّح");
                    page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                            .setPath(Path.of("target", "screenshots", "epicenter-" + lang + ".png")));
                    page.click(".epicenter a");
                    page.waitForSelector("#blast .incident-list li[data-service=shop-a]");
                    assertThat(page.textContent("#headline"))
                            .isEqualTo(
                                    lang.equals("en")
                                            ? "Edge CDN is the likely epicenter"
                                            : "شبكة إيدج هو مصدر العطل المرجّح");
                    assertThat(page.locator("#blast .incident-list li").count())
                            .as("shop-a and shop-b; not the lone shop")
                            .isEqualTo(2);
                    // the blast radius over time: a bar per victim from its onset
                    assertThat(page.locator("#blast-time li").count()).isEqualTo(2);
                    assertThat(Chromium.axe(page))
                            .as("axe-core on the cause page, " + lang)
                            .isEmpty();
                    assertThat(page.textContent("#why"))
                            .contains("2 of 3 monitored services that depend on Edge CDN failed");
                    assertThat(page.textContent("#plain-cause"))
                            .isEqualTo(
                                    lang.equals("en")
                                            ? "2 services that use Edge CDN failed within a minute: very unlikely to be chance."
                                            : "تعطّلت خدمتان تعتمدان على شبكة إيدج خلال دقيقة: يُستبعد جدًا أن يكون ذلك مصادفة.");
                    page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                            .setPath(Path.of("target", "screenshots", "cause-" + lang + ".png")));
                    page.navigate(server.uri("/i/shop-a/2025-11-18T07:00:00Z?lang=" + lang)
                            .toString());
                    page.waitForSelector("#epicenter");
                    assertThat(page.textContent("#epicenter"))
                            .contains(lang.equals("en") ? "Edge CDN" : "شبكة إيدج")
                            .contains("2 of 3 monitored services that depend on Edge CDN failed");
                    // the epicenter where people look: right under the headline of the provider's page and of each
                    // victim's
                    page.navigate(server.uri("/s/edge?lang=" + lang).toString());
                    page.waitForSelector("#lead .epicenter");
                    assertThat(page.textContent("#lead .epicenter"))
                            .contains(
                                    lang.equals("en")
                                            ? "Edge CDN is the likely epicenter of an outage affecting "
                                            : "شبكة إيدج هو المصدر المرجّح لعطل")
                            .contains(lang.equals("en") ? "Shop A" : "متجر أ")
                            .contains(lang.equals("en") ? "Shop B" : "متجر ب");
                    var lead = page.locator("#lead .epicenter").boundingBox();
                    assertThat(lead.y + lead.height)
                            .as("the epicenter sentence above the fold at 1280x900")
                            .isLessThan(900);
                    assertThat(page.locator("#lead #blast-time li[data-service=shop-a]")
                                    .count())
                            .as("how it spread, on the provider's page")
                            .isEqualTo(1);
                    assertThat(page.locator("#lead #blast-time li").count()).isEqualTo(2);
                    assertThat(Chromium.axe(page))
                            .as("axe-core on the provider page during its outage, " + lang)
                            .isEmpty();
                    page.navigate(server.uri("/s/shop-a?lang=" + lang).toString());
                    page.waitForSelector("#lead .epicenter");
                    assertThat(page.textContent("#lead .epicenter"))
                            .contains(
                                    lang.equals("en")
                                            ? "Part of a wider outage: Edge CDN, which Shop A depends on, appears to be failing; Shop B is affected too."
                                            : "جزء من عطل أوسع");
                    page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                            .setPath(Path.of("target", "screenshots", "victim-lead-" + lang + ".png")));
                    page.setViewportSize(390, 844); // a phone: the lead fits, nothing runs off the side
                    assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                            .isLessThanOrEqualTo(390);
                    var phoneLead = page.locator("#lead .epicenter").boundingBox();
                    assertThat(phoneLead.y + phoneLead.height)
                            .as("the epicenter sentence above the fold at 390x844")
                            .isLessThan(844);
                    page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                            .setPath(Path.of("target", "screenshots", "victim-lead-" + lang + "-phone.png")));
                    page.navigate(server.uri("/c/edge/2025-11-18T07:00:00Z?lang=" + lang)
                            .toString());
                    page.waitForSelector("#plain-cause");
                    page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                            .setPath(Path.of("target", "screenshots", "cause-" + lang + "-phone.png")));
                    page.setViewportSize(1280, 900);
                    page.navigate(server.uri("/s/lone?lang=" + lang).toString());
                    page.waitForSelector("#headline:not(:empty)");
                    assertThat(page.locator("#lead .epicenter").count())
                            .as("the lone shop is no part of it")
                            .isZero();
                    assertThat(errors).isEmpty();
                }
                // a cause page left open turns "resolved" by itself when the outage ends (issue 19)
                var page = browser.newContext(
                                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))
                        .newPage();
                page.navigate(server.uri("/c/edge/2025-11-18T07:00:00Z?lang=en").toString());
                page.waitForSelector("#plain-cause");
                assertThat(page.textContent("#main .status-line .state")).isEqualTo("ongoing");
                for (int minute = 430; minute < 450; minute++) { // the shops' reports back to normal from 07:15
                    for (String shop : List.of("shop-a", "shop-b", "shop-c", "lone")) {
                        int n = minute < 435 && !shop.equals("shop-c") ? 30 : 1;
                        for (int i = 0; i < n; i++) {
                            server.clock.advance(Duration.ofMillis(100));
                            server.report(
                                    "{\"service\":\"" + shop + "\",\"problem\":\"payments\",\"country\":\"AE\"}",
                                    "X-Forwarded-For",
                                    TestServer.net(2_000_000 + minute * 1024 + shop.hashCode() % 97 * 10 + i));
                        }
                    }
                    server.clock.advance(
                            Duration.between(server.clock.instant(), T0.plus(Duration.ofMinutes(minute + 1))));
                    server.detectNow();
                }
                page.waitForFunction(
                        "() => document.querySelector('#main .status-line .state').textContent === 'resolved'",
                        null,
                        new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(15_000));
            }
        }
    }
}
