package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web pages in a real browser (Debian's Chromium through Playwright) against the real server.
 * Screenshots of every page in both languages at desktop and phone size go to
 * server/target/screenshots.
 */
class WebUiIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static Playwright playwright;
    private static Browser browser;

    @TempDir
    Path data;

    @BeforeAll
    static void browser() throws Exception {
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                        .setHeadless(true));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A page that records console errors and uncaught exceptions. */
    private static Page open(BrowserContext context, List<String> errors) {
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);

        return page;
    }

    private static BrowserContext context(String locale, int width, int height) {
        return browser.newContext(new Browser.NewContextOptions()
                .setLocale(locale)
                .setTimezoneId("Asia/Riyadh")
                .setViewportSize(width, height));
    }

    @Test
    void reportingAProblemUpdatesTheChartAndTheThankYouShowsWhatOthersReport() {
        try (var server = new TestServer(data, s -> s);
                BrowserContext context = context("en-GB", 1280, 900)) {
            var errors = new ArrayList<String>();
            Page page = open(context, errors);
            page.navigate(server.uri("/s/whatsapp").toString());
            page.waitForSelector("#chart");
            assertThat(page.textContent("#headline")).isEqualTo("No current problems at WhatsApp");
            assertThat(page.textContent("#status")).isEqualTo("No problems 0 reports in the last hour");
            assertThat(page.getAttribute("#chart", "data-total")).isEqualTo("0");

            page.click("#report");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sending or receiving messages"))
                    .click();
            page.waitForSelector("#thanks");
            assertThat(page.textContent("#thanks"))
                    .contains("Your report was counted")
                    .contains("1 person reported")
                    .contains("Sending or receiving messages: 1");
            assertThat(page.getAttribute("#chart", "data-total")).isEqualTo("1");
            assertThat(server.get("/api/v1/services/whatsapp/reports?hours=1").body())
                    .contains("\"total\":1");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("service-en-desktop.png"))
                    .setFullPage(true));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void whatPeoplePostIsShownAsTheyWroteItInBothLanguages() {
        try (var server = new TestServer(data, s -> s);
                BrowserContext context = context("en-GB", 1280, 900)) {
            Instant at = server.clock.instant().minusSeconds(60);
            var lines = new ArrayList<String>();
            String[][] posts = {
                {"sara", "WhatsApp is down for anyone else?"},
                {"omar", "الواتس واقف عندكم؟"},
                {"noura", "el whatsapp wa2ef 3andkom"},
                {"ali", "الواتساب طايح من ربع ساعة"},
                {"mona", "whatsapp not sending messages rn"},
                {"evil", "WhatsApp down <img src=x onerror=\\\"window.pwned=1\\\"> <b>bold</b>"}
            };
            for (int i = 0; i < posts.length; i++) {
                lines.add("{\"id\":\"" + i + "\",\"time\":\"" + at.plusSeconds(i) + "\",\"text\":\"" + posts[i][1]
                        + "\",\"author\":\"" + posts[i][0] + "\",\"link\":\"https://example.social/@" + posts[i][0]
                        + "/" + i
                        + "\"}");
            }
            var pushed = server.send(server.admin("/api/v1/admin/social/posts")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(String.join("\n", lines))));
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            assertThat(pushed.body()).contains("\"outages\":6");

            var errors = new ArrayList<String>();
            Page page = open(context, errors);
            page.navigate(server.uri("/s/whatsapp").toString());
            page.waitForSelector("#social-people");
            assertThat(page.textContent("#social-h")).isEqualTo("What people are posting");
            assertThat(page.textContent("#social-people")).startsWith("6 people posted that it is down");
            assertThat(page.locator("#social .post").count()).isEqualTo(5);
            assertThat(page.textContent("#social .post-text"))
                    .isEqualTo("WhatsApp down <img src=x onerror=\"window.pwned=1\"> <b>bold</b>");
            assertThat(page.locator("#social img, #social b").count())
                    .as("text, never markup")
                    .isZero();
            assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
            assertThat(page.getAttribute("#social .post a", "href")).isEqualTo("https://example.social/@evil/5");
            assertThat(page.getAttribute("#social .post a", "rel"))
                    .contains("noopener")
                    .contains("ugc");
            assertThat(Chromium.axe(page))
                    .as("axe-core on the service page with posts")
                    .isEmpty();

            page.navigate(server.uri("/s/whatsapp?lang=ar").toString());
            page.waitForSelector("#social-people");
            assertThat(page.textContent("#social-h")).isEqualTo("ماذا ينشر الناس");
            assertThat(page.textContent("#social-people")).contains("6").contains("آخر 15 دقيقة");
            assertThat(page.locator("#social .post[lang=ar]").count()).isGreaterThanOrEqualTo(2);
            assertThat(Chromium.axe(page))
                    .as("axe-core on the Arabic service page with posts")
                    .isEmpty();
            page.setViewportSize(390, 844); // a phone
            assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth"))
                    .as("no sideways scroll on a phone")
                    .isLessThanOrEqualTo(390);
            page.locator("#social")
                    .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                            .setPath(SHOTS.resolve("service-ar-posts-phone.png")));
            page.navigate(server.uri("/s/whatsapp?lang=en").toString());
            page.waitForSelector("#social-people");
            page.locator("#social")
                    .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                            .setPath(SHOTS.resolve("service-en-posts-phone.png")));
            page.setViewportSize(1280, 900);
            page.navigate(server.uri("/s/instagram").toString());
            page.waitForSelector("#chart");
            assertThat(page.locator("#social").isHidden())
                    .as("no posts, no box")
                    .isTrue();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void arabicIsRightToLeftWithArabicNamesAndTheChoiceIsRemembered() {
        try (var server = new TestServer(data, s -> s);
                BrowserContext context = context("en-GB", 1280, 900)) {
            var errors = new ArrayList<String>();
            Page page = open(context, errors);
            page.navigate(server.uri("/?lang=ar").toString());
            page.waitForSelector("#services li");
            assertThat(page.getAttribute("html", "dir")).isEqualTo("rtl");
            assertThat(page.getAttribute("html", "lang")).isEqualTo("ar");
            assertThat(page.textContent("h1")).isEqualTo("ما المتوقف الآن؟");
            assertThat(page.textContent("#services")).contains("واتساب");
            // logical properties: in right-to-left the search box starts at the right edge
            var box = page.locator("#search").boundingBox();
            assertThat(box.x + box.width).isGreaterThan(1280 / 2.0);

            page.fill("#search", "واتس");
            assertThat(page.locator("#services li").count()).isEqualTo(1);
            // the spellings people type (issue 19): a space, the article, ق or غ for the "g"
            for (String[] typed : List.of(
                    new String[] {"واتس اب", "/s/whatsapp"},
                    new String[] {"الواتساب", "/s/whatsapp"},
                    new String[] {"انستقرام", "/s/instagram"},
                    new String[] {"انستغرام", "/s/instagram"})) {
                page.fill("#search", typed[0]);
                assertThat(page.locator("#services li a").first().getAttribute("href"))
                        .as(typed[0])
                        .isEqualTo(typed[1]);
                assertThat(page.isVisible(".problems"))
                        .as("the results take the problems' place")
                        .isFalse();
            }
            page.fill("#search", "zzqx");
            assertThat(page.textContent("#no-match")).isEqualTo("لا توجد خدمة تطابق «zzqx».");
            page.fill("#search", "");
            assertThat(page.isVisible(".problems")).isTrue();
            // Arabic counts agree with their noun: 0, 1, 2, 3, 11, 100 (Intl.PluralRules)
            assertThat(page.evaluate("() => [0, 1, 2, 3, 11, 100].map(k => counted(k, NOUNS.report))"))
                    .isEqualTo(List.of("لا بلاغات", "بلاغ واحد", "بلاغان", "3 بلاغات", "11 بلاغًا", "100 بلاغ"));
            assertThat(page.evaluate("() => [0, 1, 2, 3, 11, 100].map(k => counted(k, NOUNS.minute))"))
                    .isEqualTo(List.of("0 دقيقة", "دقيقة واحدة", "دقيقتان", "3 دقائق", "11 دقيقة", "100 دقيقة"));

            page.navigate(server.uri("/s/whatsapp").toString()); // no ?lang: the cookie remembers
            page.waitForSelector("#chart");
            assertThat(page.getAttribute("html", "dir")).isEqualTo("rtl");
            assertThat(page.textContent("#headline")).isEqualTo("لا مشكلات حالية في واتساب");

            // the whole report flow by keyboard: the button, then the first problem type
            page.focus("#report");
            page.keyboard().press("Enter");
            // a messaging service offers messages first, "something else" last; Escape closes the choice
            assertThat(page.evaluate("() => [...document.querySelectorAll('.choice')].map(b => b.dataset.problem)"))
                    .isEqualTo(List.of("messaging", "calls", "connection", "login", "app", "other"));
            assertThat(page.evaluate("() => document.activeElement.dataset.problem"))
                    .isEqualTo("messaging");
            page.keyboard().press("Escape");
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("report");
            // a telecom offers its own problems: mobile data first, home internet among them
            page.navigate(server.uri("/s/stc").toString());
            page.waitForSelector("#chart");
            page.click("#report");
            assertThat(page.evaluate("() => [...document.querySelectorAll('.choice')].map(b => b.dataset.problem)"))
                    .isEqualTo(List.of("mobile-data", "calls", "home-internet", "messaging", "app", "other"));
            assertThat(page.textContent(".choice[data-problem='mobile-data']")).contains("بيانات الجوال");
            page.keyboard().press("Escape");
            page.navigate(server.uri("/s/whatsapp").toString());
            page.waitForSelector("#chart");
            page.focus("#report");
            page.keyboard().press("Enter");
            page.keyboard().press("Enter");
            page.waitForSelector("#thanks");
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("thanks");
            assertThat(page.textContent("#thanks")).contains("شكرًا لك");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void theDemosOutageAppearsOnTheHomePageLive() throws Exception {
        var clock = new TestClock(Instant.parse("2025-11-18T11:20:00Z"));
        try (var server = new TestServer(data, s -> s, clock, true);
                BrowserContext context = context("en-GB", 1280, 900)) {
            var errors = new ArrayList<String>();
            Page page = open(context, errors);
            page.navigate(server.uri("/").toString());
            page.waitForSelector("#services li");
            assertThat(page.locator("#problem-list li").count()).isZero();
            // the demo's Cloudflare cascade starts 90 s after start-up; move the clock on, minute by minute
            for (int step = 1; step <= 5 * 12; step++) {
                clock.advance(Duration.ofSeconds(5));
                Thread.sleep(40);
                if (step % 12 == 0) {
                    server.detectNow();
                }
            }
            page.waitForSelector("#problem-list li.problems", new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertThat(page.textContent("#problem-list")).contains("ChatGPT");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aLiveStreamThatComesBackReloadsWhatThePageShows() {
        try (var server = new TestServer(data, s -> s);
                BrowserContext context = context("en-GB", 1280, 900)) {
            var streams = new AtomicInteger();
            var loads = new AtomicInteger();
            context.route("**/api/v1/events", route -> {
                if (streams.incrementAndGet() == 1) {
                    // the first stream ends at once, as when the server lets a stalled viewer go
                    route.fulfill(new Route.FulfillOptions()
                            .setStatus(200)
                            .setContentType("text/event-stream")
                            .setBody("retry: 200\n\n"));
                } else {
                    route.resume();
                }
            });
            Page page = context.newPage();
            page.onRequest(r -> {
                if (r.url().endsWith("/api/v1/services")) {
                    loads.incrementAndGet();
                }
            });
            page.navigate(server.uri("/").toString());
            page.waitForCondition(() -> loads.get() >= 2, new Page.WaitForConditionOptions().setTimeout(15_000));
            assertThat(streams.get()).as("the page opened the stream again").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theLanguageFollowsTheBrowser() {
        try (var server = new TestServer(data, s -> s);
                BrowserContext context = context("ar-SA", 390, 844)) {
            Page page = context.newPage();
            page.navigate(server.uri("/").toString());
            assertThat(page.getAttribute("html", "dir")).isEqualTo("rtl");
        }
    }

    @Test
    void anOutageAppearsOnTheHomePageLiveAndEveryPageRendersWithoutErrors() throws Exception {
        var clock = new TestClock(Instant.parse("2025-11-18T00:00:00Z"));
        try (var server = new TestServer(
                        data,
                        s -> TestServer.with(
                                s,
                                "",
                                "X-Forwarded-For",
                                1_000_000,
                                1_000_000,
                                List.of(),
                                TestServer.ADMIN_TOKEN,
                                null),
                        clock);
                BrowserContext context = context("en-GB", 1280, 900)) {
            // six hours of ordinary traffic, so whatsapp has a baseline
            for (int minute = 0; minute < 420; minute++) {
                int n = minute % 2 == 0 ? 2 : 3;
                for (int i = 0; i < n; i++) {
                    clock.advance(Duration.ofSeconds(i == 0 ? 0 : 1));
                    assertThat(server.report(
                                            "{\"service\":\"whatsapp\",\"problem\":\"app\",\"country\":\"EG\"}",
                                            "X-Forwarded-For",
                                            TestServer.net(minute * 64 + i))
                                    .statusCode())
                            .isEqualTo(201);
                }
                clock.advance(Duration.ofMinutes(1).minusSeconds(n - 1L));
            }
            server.detectNow();
            var errors = new ArrayList<String>();
            Page page = open(context, errors);
            page.navigate(server.uri("/").toString());
            page.waitForSelector("#services li");
            page.waitForSelector(
                    ".problems:has-text('No service has unusual reports right now.')"); // filled after the list
            assertThat(page.textContent(".problems")).contains("No service has unusual reports right now.");

            for (int minute = 420; minute < 424; minute++) { // then thirty a minute from Saudi Arabia
                for (int i = 0; i < 30; i++) {
                    clock.advance(Duration.ofSeconds(i == 0 ? 0 : 1));
                    assertThat(server.report(
                                            "{\"service\":\"whatsapp\",\"problem\":\"messaging\",\"country\":\"SA\"}",
                                            "X-Forwarded-For",
                                            TestServer.net(1_000_000 + minute * 64 + i))
                                    .statusCode())
                            .isEqualTo(201);
                }
                clock.advance(Duration.ofSeconds(31));
            }
            server.detectNow(); // the event stream tells the open page; it is not reloaded
            assertThat(server.get("/api/v1/services/whatsapp").body()).contains("\"status\":\"problems\"");
            page.waitForSelector("#problem-list li.problems", new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertThat(page.textContent("#problem-list")).contains("WhatsApp").contains("Problems");
            shoot(page, "home-en-desktop");
            page.waitForSelector(".incident-list a");
            page.click(".incident-list a");
            page.waitForSelector("#evidence");
            assertThat(page.textContent("#headline")).isEqualTo("Problems at WhatsApp");
            // plain words for the public; the engine's wording (a Poisson tail) only behind "Details for engineers"
            assertThat(page.textContent("#evidence"))
                    .startsWith("At the peak, 30 reports a minute: ")
                    .doesNotContain("p=");
            assertThat(page.isVisible("details.engineers p")).isFalse();
            page.click("details.engineers summary");
            assertThat(page.textContent("details.engineers p")).contains("p=");
            assertThat(page.getAttribute("#chart", "data-total")).isNotEqualTo("0");
            shoot(page, "incident-en-desktop");

            for (String lang : List.of("en", "ar")) {
                for (int[] size : List.of(new int[] {1280, 900}, new int[] {390, 844})) {
                    String form = size[0] > 600 ? "desktop" : "phone";
                    try (BrowserContext c = context(lang.equals("ar") ? "ar-SA" : "en-GB", size[0], size[1])) {
                        Page p = open(c, errors);
                        p.navigate(server.uri("/").toString());
                        p.waitForSelector("#problem-list li");
                        paint(p, "home " + lang + " " + form);
                        assertThat((Integer) p.evaluate("() => document.documentElement.scrollWidth"))
                                .as("home: no sideways scrolling")
                                .isLessThanOrEqualTo(size[0]);
                        assertThat(Chromium.axe(p))
                                .as("axe-core on the home page, " + lang + " " + form)
                                .isEmpty();
                        shoot(p, "home-" + lang + "-" + form);
                        p.navigate(server.uri("/s/whatsapp").toString());
                        p.waitForSelector("#chart");
                        paint(p, "service " + lang + " " + form);
                        assertThat(p.textContent("#headline"))
                                .contains(
                                        lang.equals("ar")
                                                ? "تشير بلاغات المستخدمين"
                                                : "User reports indicate problems at WhatsApp since");
                        p.waitForSelector("#map");
                        assertThat(p.getAttribute("#map path[data-country=EG]", "class"))
                                .isEqualTo("m4"); // most reports
                        assertThat(p.getAttribute("#map path[data-country=SA]", "class"))
                                .isIn("m1", "m2", "m3");
                        assertThat(p.getAttribute("#map path[data-country=FR]", "class"))
                                .isEqualTo("m0"); // none
                        assertThat(p.locator(".map-legend li").count())
                                .as("a legend: none, then each shade's range")
                                .isGreaterThanOrEqualTo(3);
                        chart(p, lang, size[0]);
                        assertThat(Chromium.axe(p))
                                .as("axe-core on the service page, " + lang + " " + form)
                                .isEmpty();
                        shoot(p, "service-" + lang + "-" + form);
                        p.navigate(server.uri("/s/cloudflare").toString());
                        p.waitForSelector("#chart");
                        assertThat((Integer) p.evaluate("() => document.documentElement.scrollWidth"))
                                .as("no sideways scrolling")
                                .isLessThanOrEqualTo(size[0]);
                        assertThat(Chromium.axe(p))
                                .as("axe-core on a provider page, " + lang + " " + form)
                                .isEmpty();
                        shoot(p, "provider-" + lang + "-" + form);
                    }
                }
            }
            // dark mode follows the system, and stays accessible
            for (String lang : List.of("en", "ar")) {
                try (BrowserContext c = browser.newContext(new Browser.NewContextOptions()
                        .setLocale(lang.equals("ar") ? "ar-SA" : "en-GB")
                        .setTimezoneId("Asia/Riyadh")
                        .setViewportSize(390, 844)
                        .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK))) {
                    Page p = open(c, errors);
                    p.navigate(server.uri("/s/whatsapp").toString());
                    p.waitForSelector("#chart");
                    assertThat(p.evaluate("() => getComputedStyle(document.body).backgroundColor"))
                            .isEqualTo("rgb(20, 23, 27)");
                    assertThat(Chromium.axe(p))
                            .as("axe-core on the service page in dark mode, " + lang)
                            .isEmpty();
                    shoot(p, "service-" + lang + "-phone-dark");
                    p.navigate(server.uri("/").toString());
                    p.waitForSelector("#problem-list li");
                    assertThat(Chromium.axe(p))
                            .as("axe-core on the home page in dark mode, " + lang)
                            .isEmpty();
                    shoot(p, "home-" + lang + "-phone-dark");
                    p.navigate(page.url());
                    p.waitForSelector("#evidence");
                    assertThat((Integer) p.evaluate("() => document.documentElement.scrollWidth"))
                            .as("incident: no sideways scrolling")
                            .isLessThanOrEqualTo(390);
                    assertThat(Chromium.axe(p))
                            .as("axe-core on the incident page in dark mode, " + lang)
                            .isEmpty();
                    shoot(p, "incident-" + lang + "-phone-dark");
                }
            }
            // a shared link previews with the main fact, rendered by the server (no JavaScript needed)
            String html = server.get("/s/whatsapp?lang=en").body();
            assertThat(html)
                    .contains("<meta property=\"og:title\" content=\"WhatsApp: problems since ")
                    .contains("<meta name=\"description\" content=\"User reports indicate problems at WhatsApp since ");
            assertThat(server.get("/s/whatsapp?lang=ar").body())
                    .contains("تشير بلاغات المستخدمين إلى مشكلات في واتساب منذ");
            assertThat(server.get("/?lang=en").body()).contains("Problems now: WhatsApp.");
            String incidentPath = java.net.URI.create(page.url()).getPath();
            assertThat(server.get(incidentPath + "?lang=en").body())
                    .as("an incident previews as itself, not as its service")
                    .contains("<title>Problems at WhatsApp · Epicenter</title>")
                    .contains("Problems at WhatsApp from 2025-11-18 ");
            assertThat(server.get("/s/nosuch?lang=en").body()).contains("<title>Not found · Epicenter</title>");

            // the incident page, open all along, follows the incident by itself: recovering, then resolved (issue 19)
            assertThat(page.textContent("#incident-state")).startsWith("ongoing");
            assertThat(Chromium.axe(page)).as("axe-core on the incident page").isEmpty();
            for (int minute = 0; minute < 12; minute++) { // the reports stop
                clock.advance(Duration.ofMinutes(1));
                server.detectNow();
            }
            page.waitForFunction(
                    "() => document.querySelector('#incident-state').textContent.startsWith('resolved')",
                    null,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
            assertThat(errors).isEmpty();
        }
    }

    /**
     * The report chart (issue 19): 15-minute buckets over 24 hours, a count axis and hour ticks, the
     * zone named, each bar read out by the arrow keys, another range a click away, nothing wider
     * than the phone.
     */
    private static void chart(Page p, String lang, int width) {
        assertThat(p.getAttribute("#chart", "data-points")).isEqualTo("96");
        assertThat(p.locator("#chart text.tick").count())
                .as("count and time ticks")
                .isGreaterThanOrEqualTo(6);
        assertThat(p.textContent(".chart-box figcaption .zone"))
                .isEqualTo(lang.equals("ar") ? "الأوقات بتوقيت UTC+3" : "times in UTC+3");
        p.focus(".plot");
        p.keyboard().press("End");
        p.keyboard().press("ArrowLeft");
        String read = p.textContent(".readout").replaceAll("[\u2066-\u2069]", "");
        assertThat(read)
                .as("the bar before the last, read out")
                .matches(
                        lang.equals("ar")
                                ? "(لا بلاغات|بلاغ واحد|بلاغان|[0-9,]+ بلاغات|[0-9,]+ بلاغًا)، [0-9]{2}:[0-9]{2} [صم]–[0-9]{2}:[0-9]{2} [صم] · المعتاد [0-9.]+"
                                : "[0-9,]+ reports?, [0-9]{2}:[0-9]{2}( [AP]M)?–[0-9]{2}:[0-9]{2}( [AP]M)? · typical [0-9.]+");
        assertThat(p.isVisible(".tip")).isTrue();
        p.click("button[data-range='1h']");
        p.waitForSelector("#chart[data-points='60']");
        assertThat(p.getAttribute("button[data-range='1h']", "aria-pressed")).isEqualTo("true");
        p.click("button[data-range='7d']");
        p.waitForSelector("#chart[data-points='168']");
        assertThat((Integer) p.evaluate("() => document.documentElement.scrollWidth"))
                .as("no sideways scrolling")
                .isLessThanOrEqualTo(width);
        p.click("button[data-range='24h']");
        p.waitForSelector("#chart[data-points='96']");
    }

    /** Prints (never asserts) first contentful paint and when the data was on the page: figures for docs/benchmarks.md. */
    private static void paint(Page page, String what) {
        Object fcp = page.evaluate(
                "() => (performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint') || {}).startTime");
        Object loaded =
                page.evaluate("() => Number(document.getElementById('main').dataset.loaded) - performance.timeOrigin");
        System.out.printf(
                "[measure] %s: first contentful paint %s ms, data on the page at %.0f ms%n",
                what, fcp, ((Number) loaded).doubleValue());
    }

    private static void shoot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }
}
