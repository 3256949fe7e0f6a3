package org.epicenter.server.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.Cidr;
import org.epicenter.probes.HttpProbe;
import org.epicenter.server.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Mastodon instance's hashtag timelines, from a fake instance on 127.0.0.1: statuses become posts
 * (HTML to text, boosts and broken statuses skipped), the next read asks only for newer ones, a
 * failure backs off, hostile bodies are refused without an exception, and an internal address is
 * refused unless the operator allows it.
 */
class MastodonSourceTest {
    private static final Instant NOW = Instant.parse("2025-10-20T08:00:00Z");

    private HttpServer instance;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AtomicReference<byte[]> page = new AtomicReference<>("[]".getBytes(StandardCharsets.UTF_8));
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final TestClock clock = new TestClock(NOW);

    static String status(String id, Instant at, String html, String acct, String since) {
        return """
                {"id": "%s", "created_at": "%s", "content": %s, "url": "https://example.social/@%s/%s",
                 "uri": "https://example.social/users/x/statuses/%s",
                 "reblog": null, "language": "ar",
                 "account": {"id": "1", "acct": "%s", "created_at": "%s"}}""".formatted(id, at, quote(html), acct, id, id, acct, since);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @BeforeEach
    void start() throws Exception {
        instance = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        instance.createContext("/api/v1/timelines/tag/", x -> {
            asked.add(x.getRequestURI().toString());
            byte[] body = x.getRequestURI().getRawQuery().contains("min_id") ? "[]".getBytes() : page.get();
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status.get(), body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        instance.start();
    }

    @AfterEach
    void stop() {
        instance.stop(0);
    }

    private MastodonSource source(List<Cidr> allow) {
        return new MastodonSource(
                URI.create("http://127.0.0.1:" + instance.getAddress().getPort()),
                List.of("واقف", "whatsappdown"),
                new HttpProbe(AddressGuard.allowing(allow), clock),
                clock);
    }

    @Test
    void newStatusesBecomePostsAndTheNextReadAsksOnlyForNewerOnes() {
        page.set(("["
                        + status(
                                "109000000000000002",
                                NOW.minusSeconds(60),
                                "<p>الواتس واقف عندكم؟<br>😡</p>",
                                "sara",
                                "2016-04-01T00:00:00Z")
                        + ","
                        + status(
                                "109000000000000001",
                                NOW.minusSeconds(120),
                                "<p>WhatsApp &amp; IG down &lt;again&gt; &#128545;</p>",
                                "omar@other.example",
                                "2025-10-19T00:00:00Z")
                        + ","
                        + "{\"id\":\"3\",\"created_at\":\"" + NOW
                        + "\",\"content\":\"boost\",\"reblog\":{\"id\":\"9\"},"
                        + "\"account\":{\"acct\":\"b\"}},"
                        + "{\"id\":\"4\",\"created_at\":\"" + NOW + "\",\"content\":\"no account\"},"
                        + status(
                                "109000000000000000",
                                NOW.minus(Duration.ofHours(3)),
                                "<p>old</p>",
                                "x",
                                "2016-01-01T00:00:00Z")
                        + "]")
                .getBytes(StandardCharsets.UTF_8));
        var source = source(List.of(Cidr.parse("127.0.0.0/8")));

        var posts = source.poll();

        assertThat(posts)
                .extracting(p -> p.text())
                .containsExactly("WhatsApp & IG down <again> 😡", "الواتس واقف عندكم؟ 😡");
        var first = posts.get(1);
        assertThat(first.source()).isEqualTo("fediverse");
        assertThat(first.id()).isEqualTo("https://example.social/users/x/statuses/109000000000000002");
        assertThat(first.author()).as("user@home: one person on any instance").isEqualTo("sara@127.0.0.1");
        assertThat(first.link()).isEqualTo("https://example.social/@sara/109000000000000002");
        assertThat(first.authorSince()).isEqualTo(Instant.parse("2016-04-01T00:00:00Z"));
        assertThat(posts.get(0).newAccount()).as("an account a day old").isTrue();
        assertThat(asked)
                .hasSize(2)
                .allSatisfy(u -> assertThat(u).contains("limit=40").doesNotContain("since_id"));
        assertThat(asked.get(0)).contains("/api/v1/timelines/tag/%D9%88%D8%A7%D9%82%D9%81");

        assertThat(source.poll()).isEmpty();
        assertThat(asked.subList(2, 4)).allSatisfy(u -> assertThat(u).contains("min_id=109000000000000002"));
    }

    @Test
    void aFailureBacksOffAndHostileBodiesAreRefused() {
        var source = source(List.of(Cidr.parse("127.0.0.0/8")));
        status.set(500);
        assertThat(source.poll()).isEmpty();
        int after = asked.size();
        assertThat(source.poll()).as("backing off: nothing asked").isEmpty();
        assertThat(asked).hasSize(after);
        clock.advance(Duration.ofMinutes(2));
        status.set(200);
        for (String body :
                List.of("not json", "{}", "[{\"id\":", "[1, \"x\", null]", "[{\"id\":\"1\",\"content\":7}]")) {
            page.set(body.getBytes(StandardCharsets.UTF_8));
            clock.advance(Duration.ofMinutes(31));
            assertThat(source.poll()).as(body).isEmpty();
        }
        page.set(new byte[3 << 20]); // larger than the cap
        clock.advance(Duration.ofMinutes(31));
        assertThat(source.poll()).isEmpty();
    }

    @Test
    void anInternalAddressIsRefusedUnlessAllowed() {
        var source = source(List.of());
        assertThat(source.poll()).isEmpty();
        assertThat(asked).as("no request reached the instance").isEmpty();
    }

    @Test
    void onePostReadOnTwoInstancesIsOnePostByOnePerson() {
        String onA = "[{\"id\":\"11\",\"created_at\":\"" + NOW + "\",\"content\":\"x\","
                + "\"uri\":\"https://home.example/users/alice/statuses/1\",\"url\":\"https://evil.example/phish\","
                + "\"account\":{\"acct\":\"alice@home.example\"}}]";
        String onB = onA.replace("\"11\"", "\"999\"");
        var a = MastodonSource.parse("a.example", onA.getBytes(StandardCharsets.UTF_8))
                .get(0)
                .post();
        var b = MastodonSource.parse("b.example", onB.getBytes(StandardCharsets.UTF_8))
                .get(0)
                .post();
        assertThat(a.id()).isEqualTo(b.id()).isEqualTo("https://home.example/users/alice/statuses/1");
        assertThat(a.author()).isEqualTo(b.author()).isEqualTo("alice@home.example");
        assertThat(a.link())
                .as("a link to another server than the post's is dropped")
                .isNull();
        var local = MastodonSource.parse(
                        "a.example",
                        ("[{\"id\":\"5\",\"created_at\":\"" + NOW + "\",\"content\":\"&#0;hi\\u0001\","
                                        + "\"account\":{\"acct\":\"Bob\"}}]")
                                .getBytes(StandardCharsets.UTF_8))
                .get(0)
                .post();
        assertThat(local.author()).isEqualTo("bob@a.example");
        assertThat(local.id()).isEqualTo("a.example:5");
        assertThat(local.text()).isEqualTo("hi");
    }

    @Test
    void htmlBecomesText() {
        assertThat(MastodonSource.text("<p>a<br/>b</p><p>c &quot;d&quot; &#x41; &#x110000; &bogus;</p>"))
                .isEqualTo("a b c \"d\" A  &bogus;");
    }
}
