package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page, in both languages, on a desktop and a phone, light and dark, before and during an
 * outage (two shops behind one CDN fail at 07:00): written to target/screenshots as
 * {@code <page>-<phase>-<lang>-<desktop|phone>-<light|dark>.png}, each checked on the way for
 * page errors, for running wider than a phone, and by axe-core.
 */
class ScreenshotsIT {
    @TempDir
    Path dir;

    record Size(String name, int width, int height) {}

    static final List<Size> SIZES = List.of(new Size("desktop", 1280, 900), new Size("phone", 390, 844));

    @Test
    void everyPageBothLanguagesDesktopAndPhoneLightAndDarkBeforeAndDuringAnOutage() throws Exception {
        Path catalog = CausesIT.catalog(dir);
        var smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", "smtp"));
        smtp.start();
        var mail =
                new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "epicenter@test.example", "none", null, null);
        try (var server = new TestServer(
                        dir.resolve("data"),
                        s -> {
                            var t = TestServer.with(
                                    s,
                                    "",
                                    "X-Forwarded-For",
                                    1_000_000,
                                    1_000_000,
                                    List.of(),
                                    TestServer.ADMIN_TOKEN,
                                    catalog);
                            return TestServer.withMail(t, mail, null);
                        },
                        new TestClock(CausesIT.T0));
                var chromium = new Chromium()) {
            CausesIT.traffic(server, Set.of("shop-a", "shop-b"), 410);
            server.detectNow();
            var before = new LinkedHashMap<String, String>();
            before.put("home", "/");
            before.put("service", "/s/shop-a");
            before.put("provider", "/s/edge");
            before.put("missing", "/s/no-such-service");
            var problems = shoot(server, chromium.browser, "before", before);

            CausesIT.traffic(server, Set.of("shop-a", "shop-b"), 410, 430);
            server.detectNow();
            var during = new LinkedHashMap<String, String>();
            during.put("home", "/");
            during.put("service", "/s/shop-a");
            during.put("provider", "/s/edge");
            during.put("incident", "/i/shop-a/2025-11-18T07:00:00Z");
            during.put("cause", "/c/edge/2025-11-18T07:00:00Z");
            // a visitor's notice, as its confirmation link opens it (the service pages above offer the form)
            var asked = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/services/shop-a/notify"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"sara@mail.example\"}")));
            assertThat(asked.statusCode()).isEqualTo(202);
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            var link = NotifyIT.LINK.matcher((String) smtp.getReceivedMessages()[0].getContent());
            assertThat(link.find()).isTrue();
            during.put("notice", link.group());
            problems.addAll(shoot(server, chromium.browser, "during", during));
            assertThat(problems).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    /** Every page of {@code pages} in every language, size and scheme; what went wrong, one line each. */
    private static List<String> shoot(TestServer server, Browser browser, String phase, Map<String, String> pages) {
        var problems = new ArrayList<String>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            for (Size size : SIZES) {
                var context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(size.width(), size.height())
                        .setColorScheme(scheme));
                Page page = context.newPage();
                var errors = new ArrayList<String>();
                page.onPageError(errors::add);
                for (String lang : List.of("en", "ar")) {
                    for (var p : pages.entrySet()) {
                        String where = p.getKey() + " " + phase + " " + lang + " " + size.name() + " "
                                + scheme.name().toLowerCase();
                        page.navigate(server.uri(p.getValue() + "?lang=" + lang).toString());
                        page.waitForSelector("main[data-loaded], main h1:not(.preview)");
                        if (p.getKey().equals("notice")) {
                            page.waitForSelector("#notice-state:not(:empty)");
                        }
                        String name =
                                String.join(
                                                "-",
                                                p.getKey(),
                                                phase,
                                                lang,
                                                size.name(),
                                                scheme.name().toLowerCase()) + ".png";
                        page.screenshot(new Page.ScreenshotOptions()
                                .setPath(Chromium.SHOTS.resolve(name))
                                .setFullPage(true));
                        int wide = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
                        if (wide > size.width()) {
                            problems.add(where + ": " + wide + " px wide in " + size.width());
                        }
                        Chromium.axe(page).forEach(v -> problems.add(where + ": " + v));
                        // a script's slip shows as words no visitor should read (replaceChildren prints null as "null")
                        Object slip = page.evaluate(
                                "() => (document.body.innerText.match(/\\b(null|undefined|NaN|Infinity)\\b|\\[object /) || [null])[0]");
                        if (slip != null) {
                            problems.add(where + ": the page reads \"" + slip + "\"");
                        }
                    }
                }
                errors.forEach(e -> problems.add(phase + " " + size.name() + " " + scheme + ": page error " + e));
                context.close();
            }
        }
        return problems;
    }
}
