package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.server.TestServer.json;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Tell me when it is back", end to end against a real SMTP server (GreenMail) and Chromium: a
 * visitor asks on a failing shop's page, confirms from the mail, and gets one mail when the outage is
 * over; what a stranger sends (bad addresses, other languages, floods, stolen links) is refused with
 * a clear answer and sends nothing.
 */
class NotifyIT {
    static final Pattern LINK = Pattern.compile("/n/([0-9a-f]{24})/([A-Za-z0-9_-]{22})");

    @TempDir
    Path dir;

    GreenMail smtp;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path catalog = CausesIT.catalog(dir);
        var mail =
                new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "epicenter@test.example", "none", null, null);
        server = new TestServer(
                dir.resolve("data"),
                s -> {
                    var t = TestServer.with(
                            s, "", "X-Forwarded-For", 1_000_000, 1_000_000, List.of(), TestServer.ADMIN_TOKEN, catalog);
                    return TestServer.withMail(t, mail, "https://epicenter.example");
                },
                new TestClock(CausesIT.T0));
    }

    @AfterEach
    void stop() {
        server.close();
        smtp.stop();
    }

    private java.net.http.HttpResponse<String> ask(String service, String body, String network) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/services/" + service + "/notify"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", network)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private java.net.http.HttpResponse<String> post(String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private MimeMessage[] mails(int atLeast) {
        assertThat(smtp.waitForIncomingEmail(10_000, atLeast))
                .as("%d mail(s) within 10 s", atLeast)
                .isTrue();
        return smtp.getReceivedMessages();
    }

    @Test
    void aVisitorConfirmsAndIsToldOnceWhenTheShopIsBack() throws Exception {
        CausesIT.traffic(server, Set.of("shop-a"), 430); // shop A fails from 07:00
        server.detectNow();
        assertThat(json(server.get("/api/v1/incidents?service=shop-a&state=open"))
                        .path("incidents"))
                .hasSize(1);

        // what a stranger sends: each refused with the field and the reason, and no mail
        assertThat(ask("lone", "{\"email\":\"sara@mail.example\"}", "10.9.0.1").statusCode())
                .as("no outage")
                .isEqualTo(409);
        assertThat(ask("nope", "{\"email\":\"sara@mail.example\"}", "10.9.0.2").statusCode())
                .isEqualTo(404);
        for (String bad : List.of(
                "{}",
                "{\"email\":\"\"}",
                "{\"email\":\"sara\"}",
                "{\"email\":\"sara@mail\"}",
                "{\"email\":\"a b@mail.example\"}",
                "{\"email\":\"sara@mail.example, boss@bank.example\"}",
                "{\"email\":\"<script>@mail.example\"}",
                "{\"email\":\"sara@mail.example\\r\\nBcc: all@bank.example\"}",
                "{\"email\":\"" + "a".repeat(250) + "@mail.example\"}",
                // SMTP without SMTPUTF8 keeps each character's low byte: U+010D U+010A would be CR LF in the envelope
                "{\"email\":\"a\u013e\u010d\u010aRCPT TO\u013av\u0140e.example\u013e@x.example\"}",
                "{\"email\":\"\uD83D\uDE00z@x.example\"}",
                "{\"email\":\"a\\u0000b@x.example\"}",
                "{\"email\":\"a.@x.example\"}",
                "{\"email\":\"..@x.example\"}",
                "{\"email\":\"a:b@x.example\"}",
                "{\"email\":42}",
                "{\"email\":[\"a@x.example\"]}")) {
            var r = ask("shop-a", bad, "10.9.1." + bad.length() % 250);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).path("field").asText()).as(bad).isEqualTo("email");
        }
        var fr = ask("shop-a", "{\"email\":\"sara@mail.example\",\"lang\":\"fr\"}", "10.9.2.1");
        assertThat(json(fr).path("field").asText()).isEqualTo("lang");
        assertThat(json(ask("shop-a", "{\"email\":\"sara@mail.example\",\"bcc\":\"x@y.example\"}", "10.9.2.2"))
                        .path("error")
                        .asText())
                .isEqualTo("unknown field (allowed: email, lang)");
        assertThat(ask("shop-a", "[1,2]", "10.9.2.3").statusCode()).isEqualTo(400);
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/api/v1/services/shop-a/notify"))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("sara@mail.example")))
                        .statusCode())
                .isEqualTo(415);
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages()).isEmpty();

        var asked = ask("shop-a", "{\"email\":\" Sara@Mail.example \",\"lang\":\"ar\"}", "10.9.3.1");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(json(asked).path("email").asText())
                .as("never the whole address back")
                .isEqualTo("S***@Mail.example");
        MimeMessage confirm = mails(1)[0];
        assertThat(confirm.getSubject()).isEqualTo("تأكيد: أخبرني حين يعود متجر أ");
        assertThat(confirm.getAllRecipients()[0].toString()).isEqualTo("Sara@Mail.example");
        assertThat(confirm.getHeader("List-Unsubscribe")[0])
                .startsWith("<https://epicenter.example/n/")
                .endsWith("/stop>");
        assertThat(confirm.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String text = (String) confirm.getContent();
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(text).contains("https://epicenter.example/n/" + m.group(1) + "/" + m.group(2) + "?lang=ar");
        String id = m.group(1);
        String token = m.group(2);

        // asked again (in other letters): the open notice answers, no second mail
        assertThat(ask("shop-a", "{\"email\":\"sara@mail.example\"}", "10.9.3.2")
                        .statusCode())
                .isEqualTo(202);
        Thread.sleep(500);
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        // the link's page changes nothing by being opened; a wrong token finds nothing
        assertThat(server.get("/n/" + id + "/" + token).statusCode()).isEqualTo(200);
        assertThat(server.get("/n/" + id + "/" + token).headers().firstValue("Cache-Control"))
                .contains("no-store");
        assertThat(server.get("/n/" + id + "/" + token).body())
                .as("a notice's link is a key: never published as the page's address")
                .doesNotContain("og:url")
                .doesNotContain("canonical");
        // with --public-url, a shared page names its own address
        assertThat(server.get("/s/shop-a?lang=ar").body())
                .contains("<meta property=\"og:url\" content=\"https://epicenter.example/s/shop-a?lang=ar\">")
                .contains("<link rel=\"canonical\" href=\"https://epicenter.example/s/shop-a?lang=ar\">");
        assertThat(json(server.get("/api/v1/notices/" + id + "/" + token))
                        .path("state")
                        .asText())
                .isEqualTo("unconfirmed");
        String forged = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThat(server.get("/n/" + id + "/" + forged).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/notices/" + id + "/" + forged).statusCode())
                .isEqualTo(404);
        assertThat(post("/api/v1/notices/" + id + "/" + forged + "/confirm").statusCode())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/notices/" + id + "/..%2F..").statusCode())
                .isEqualTo(404);

        var confirmed = post("/api/v1/notices/" + id + "/" + token + "/confirm");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(json(confirmed).path("state").asText()).isEqualTo("watching");
        assertThat(post("/api/v1/notices/" + id + "/" + token + "/confirm").statusCode())
                .as("twice is harmless")
                .isEqualTo(200);

        // the outage ends at 07:15; the mail goes once the incident is resolved and cannot reopen (25 minutes after its
        // end)
        CausesIT.traffic(server, Set.of("shop-a"), 430, 450);
        server.detectNow();
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages())
                .as("not yet: the outage could still reopen")
                .hasSize(1);
        CausesIT.traffic(server, Set.of("shop-a"), 450, 460);
        server.detectNow();
        MimeMessage back = mails(2)[1];
        assertThat(back.getSubject()).isEqualTo("عاد متجر أ إلى العمل");
        assertThat((String) back.getContent())
                .contains("2025-11-18 07:00 UTC")
                .contains("https://epicenter.example/s/shop-a?lang=ar");
        assertThat(back.getHeader("Content-Language")[0]).isEqualTo("ar");
        for (int i = 0;
                i < 100
                        && !json(server.get("/api/v1/notices/" + id + "/" + token))
                                .path("state")
                                .asText()
                                .equals("told");
                i++) {
            Thread.sleep(50); // the mail arrives a moment before its sending is recorded
        }
        assertThat(json(server.get("/api/v1/notices/" + id + "/" + token))
                        .path("state")
                        .asText())
                .isEqualTo("told");
        server.detectNow();
        CausesIT.traffic(server, Set.of(), 460, 465);
        server.detectNow();
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages()).as("told once").hasSize(2);
    }

    @Test
    void stoppedNoticesSendNothingAndFloodsAreLimited() throws Exception {
        CausesIT.traffic(server, Set.of("shop-a", "shop-b"), 430);
        server.detectNow();
        assertThat(ask("shop-a", "{\"email\":\"omar@mail.example\"}", "10.8.0.1")
                        .statusCode())
                .isEqualTo(202);
        Matcher m = LINK.matcher((String) mails(1)[0].getContent());
        assertThat(m.find()).isTrue();
        // a mail client's one-click unsubscribe (RFC 8058): a form POST to the List-Unsubscribe address
        var oneClick = server.send(
                HttpRequest.newBuilder(server.uri("/api/v1/notices/" + m.group(1) + "/" + m.group(2) + "/stop"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(json(oneClick).path("state").asText()).isEqualTo("stopped");
        assertThat(post("/api/v1/notices/" + m.group(1) + "/" + m.group(2) + "/confirm")
                        .statusCode())
                .as("stopped stays stopped")
                .isEqualTo(409);

        // one address: three a day across services, then a clear refusal
        assertThat(ask("shop-a", "{\"email\":\"omar@mail.example\"}", "10.8.0.2")
                        .statusCode())
                .as("a new one after the stop")
                .isEqualTo(202);
        assertThat(ask("shop-b", "{\"email\":\"omar@mail.example\"}", "10.8.0.3")
                        .statusCode())
                .isEqualTo(202);
        var fourth = ask("edge", "{\"email\":\"OMAR+outages@mail.example\"}", "10.8.0.4");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(json(fourth).path("error").asText()).contains("3 times today");

        // one network (a /24): twenty at once, then Retry-After; refused requests cost nothing
        for (int i = 0; i < 10; i++) {
            assertThat(ask("shop-b", "{\"email\":\"typo" + i + "\"}", "10.7.0." + i)
                            .statusCode())
                    .isEqualTo(400);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(ask("shop-b", "{\"email\":\"user" + i + "@mail.example\"}", "10.7.0." + (i + 1))
                            .statusCode())
                    .isEqualTo(202);
        }
        var flood = ask("shop-b", "{\"email\":\"user99@mail.example\"}", "10.7.0.200");
        assertThat(flood.statusCode()).isEqualTo(429);
        assertThat(flood.headers().firstValue("Retry-After")).isPresent();
        assertThat(ask("nope", "{\"email\":\"user98@mail.example\"}", "10.7.0.201")
                        .statusCode())
                .as("the real error, not the limit")
                .isEqualTo(404);
        // the same inbox through Gmail's dots and a tag: three a day, however written
        assertThat(ask("shop-a", "{\"email\":\"layla.h@gmail.com\"}", "10.6.0.1")
                        .statusCode())
                .isEqualTo(202);
        assertThat(ask("shop-b", "{\"email\":\"laylah+1@gmail.com\"}", "10.6.0.2")
                        .statusCode())
                .isEqualTo(202);
        assertThat(ask("edge", "{\"email\":\"l.a.y.l.a.h@googlemail.com\"}", "10.6.0.3")
                        .statusCode())
                .isEqualTo(202);
        assertThat(ask("shop-a", "{\"email\":\"Layla.H+2@gmail.com\"}", "10.6.0.4")
                        .statusCode())
                .isEqualTo(429);
        mails(26);
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages())
                .as("one confirmation per accepted request, none for the refused")
                .hasSize(26);
    }

    @Test
    void theServicePageOffersItDuringAnOutageAndTheLinkConfirms() throws Exception {
        CausesIT.traffic(server, Set.of("shop-a"), 430);
        server.detectNow();
        try (var chromium = new Chromium()) {
            Browser browser = chromium.browser;
            for (String lang : List.of("en", "ar")) {
                Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))
                        .newPage();
                var errors = new ArrayList<String>();
                page.onPageError(errors::add);
                page.navigate(server.uri("/s/lone?lang=" + lang).toString());
                page.waitForSelector("#chart");
                assertThat(page.locator("#notify-form").count())
                        .as("no outage, no offer")
                        .isZero();
                page.navigate(server.uri("/s/shop-a?lang=" + lang).toString());
                page.waitForSelector("#notify-form");
                assertThat(page.textContent("#notify-h"))
                        .isEqualTo(lang.equals("en") ? "Tell me when Shop A is back" : "أخبرني حين يعود متجر أ");
                page.fill("#notify-email", "not an address");
                page.click("#notify-form button[type=submit]");
                assertThat(page.textContent("#notify-msg"))
                        .isEqualTo(
                                lang.equals("en")
                                        ? "That does not look like an email address."
                                        : "هذا لا يبدو عنوان بريد إلكتروني.");
                assertThat(Chromium.axe(page))
                        .as("axe-core on the form, " + lang)
                        .isEmpty();
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                        .isLessThanOrEqualTo(390);
                page.fill("#notify-email", "layla-" + lang + "@mail.example");
                page.click("#notify-form button[type=submit]");
                page.waitForSelector("#notify-sent");
                assertThat(page.textContent("#notify-sent")).contains("l***@mail.example");
                page.screenshot(
                        new Page.ScreenshotOptions().setPath(Chromium.SHOTS.resolve("notify-" + lang + "-phone.png")));

                MimeMessage mail = mails(lang.equals("en") ? 1 : 2)[lang.equals("en") ? 0 : 1];
                Matcher m = LINK.matcher((String) mail.getContent());
                assertThat(m.find()).isTrue();
                page.navigate(server.uri("/n/" + m.group(1) + "/" + m.group(2) + "?lang=" + lang)
                        .toString());
                page.waitForSelector("#notice-confirm");
                assertThat(page.textContent("#notice-state")).contains("l***@mail.example");
                assertThat(Chromium.axe(page))
                        .as("axe-core on the notice page, " + lang)
                        .isEmpty();
                page.click("#notice-confirm");
                page.waitForSelector("#notice-stop");
                assertThat(page.textContent("#notice-state"))
                        .startsWith(lang.equals("en") ? "Done: we will send one email to" : "تم: سنرسل رسالة واحدة");
                page.screenshot(
                        new Page.ScreenshotOptions().setPath(Chromium.SHOTS.resolve("notice-" + lang + "-phone.png")));
                page.navigate(server.uri("/n/" + m.group(1) + "/" + m.group(2) + "/stop?lang=" + lang)
                        .toString());
                page.waitForSelector("#notice-stop");
                page.click("#notice-stop");
                page.waitForFunction("() => !document.querySelector('#notice-stop')");
                assertThat(page.textContent("#notice-state"))
                        .isEqualTo(
                                lang.equals("en")
                                        ? "Stopped: nothing more will be sent to this address."
                                        : "أُوقف التنبيه: لن يصل شيء آخر إلى هذا العنوان.");
                assertThat(errors).isEmpty();
            }
        }
    }

    /**
     * Found by review: an outage that came back as a mere suspicion just before the hold ran out got
     * its "back" mail, and the reopened outage never another. Now a suspicion is trouble too.
     */
    @Test
    void anOutageThatComesBackWithinTheHoldIsNotToldAsBack() throws Exception {
        CausesIT.traffic(server, Set.of("shop-a"), 430);
        server.detectNow();
        assertThat(ask("shop-a", "{\"email\":\"u@mail.example\"}", "10.1.1.1").statusCode())
                .isEqualTo(202);
        Matcher m = LINK.matcher((String) mails(1)[0].getContent());
        assertThat(m.find()).isTrue();
        String notice = "/api/v1/notices/" + m.group(1) + "/" + m.group(2);
        assertThat(post(notice + "/confirm").statusCode()).isEqualTo(200);
        // 07:00-07:15, quiet, then again from 18 minutes after the incident's end (within the 20 it may reopen) for 12
        // minutes
        int toldAt = -1;
        int flapFrom = Integer.MAX_VALUE;
        for (int minute = 430; minute < 540 && toldAt < 0; minute++) {
            if (flapFrom == Integer.MAX_VALUE) {
                var incident = json(server.get("/api/v1/incidents?service=shop-a"))
                        .path("incidents")
                        .get(0);
                if (!incident.path("end").isNull()) {
                    flapFrom = (int) (java.time.Duration.between(
                                            CausesIT.T0,
                                            java.time.Instant.parse(
                                                    incident.path("end").asText()))
                                    .toMinutes()
                            + 18);
                    assertThat(flapFrom)
                            .as("the flap starts after the notice could be told, or the test proves nothing")
                            .isGreaterThan(minute);
                }
            }
            CausesIT.minute(server, minute, Set.of("shop-a"), flapFrom, flapFrom + 12);
            server.detectNow();
            for (int i = 0; i < 20 && smtp.getReceivedMessages().length < 2; i++) {
                Thread.sleep(10);
            }
            if (smtp.getReceivedMessages().length >= 2) {
                toldAt = minute + 1; // the clock stands at the end of that minute
            }
        }
        assertThat(toldAt)
                .as("told, and only after the second stretch (from %d) ended and 25 quiet minutes more", flapFrom)
                .isGreaterThanOrEqualTo(flapFrom + 12 + 25);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aServerWithoutMailSaysSo(@TempDir Path other) {
        try (var bare = new TestServer(other.resolve("data"), s -> s)) {
            var r = bare.send(HttpRequest.newBuilder(bare.uri("/api/v1/services/whatsapp/notify"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"sara@mail.example\"}")));
            assertThat(r.statusCode()).isEqualTo(501);
            assertThat(json(r).path("error").asText()).isEqualTo("this server does not send email (no SMTP settings)");
            assertThat(bare.get("/s/whatsapp").body())
                    .contains("data-notify=\"\"")
                    .as("no --public-url, no claimed address")
                    .doesNotContain("og:url");
        }
    }
}
