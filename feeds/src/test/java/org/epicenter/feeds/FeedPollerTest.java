package org.epicenter.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.epicenter.catalog.FeedFormat;
import org.epicenter.feed.OfficialState;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.Cidr;
import org.epicenter.probes.HttpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller against a real local HTTP server that misbehaves in every way a status page can. */
class FeedPollerTest {
    static final byte[] GOOD = FeedParserContract.resource("statuspage-summary.json");
    static final byte[] RESOLVED = new String(GOOD, StandardCharsets.UTF_8)
            .replace("\"status\": \"major_outage\"", "\"status\": \"operational\"")
            .replace("\"status\": \"partial_outage\"", "\"status\": \"operational\"")
            .replace(
                    "\"resolved_at\": null, \"impact\": \"critical\"",
                    "\"resolved_at\": \"2025-11-18T14:42:00.000Z\", \"impact\": \"critical\"")
            .getBytes(StandardCharsets.UTF_8);

    HttpServer server;
    final AtomicReference<byte[]> body = new AtomicReference<>(GOOD);
    final AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger delayMs = new AtomicInteger(0);
    final List<String> conditional = new CopyOnWriteArrayList<>();
    final Map hits = new Map();
    final FeedPoller poller = new FeedPoller(
            new HttpProbe(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC()),
            Clock.systemUTC());

    static final class Map extends ConcurrentHashMap<String, AtomicInteger> {
        int of(String path) {
            return getOrDefault(path, new AtomicInteger()).get();
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/summary.json", this::summary);
        server.createContext("/moved", x -> {
            hit(x);
            x.getResponseHeaders().add("Location", "/summary.json");
            x.sendResponseHeaders(301, -1);
            x.close();
        });
        server.createContext("/huge", x -> {
            hit(x);
            x.sendResponseHeaders(200, 0); // chunked, no length: the cap must stop it
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (var out = x.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write(chunk);
                }
            } catch (IOException ignored) {
                // the poller hung up at its cap
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    private void hit(HttpExchange x) {
        hits.computeIfAbsent(x.getRequestURI().getPath(), k -> new AtomicInteger())
                .incrementAndGet();
    }

    private void summary(HttpExchange x) throws IOException {
        hit(x);
        if (delayMs.get() > 0) {
            try {
                Thread.sleep(delayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String ifNone = x.getRequestHeaders().getFirst("If-None-Match");
        if (ifNone != null) {
            conditional.add(ifNone);
        }
        if (status.get() != 200) {
            x.sendResponseHeaders(status.get(), -1);
        } else if (ifNone != null && ifNone.equals(etag.get())) {
            x.sendResponseHeaders(304, -1);
        } else {
            x.getResponseHeaders().add("ETag", etag.get());
            x.getResponseHeaders().add("Content-Type", "application/json");
            byte[] b = body.get();
            x.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                x.getResponseBody().write(b);
            }
        }
        x.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    FeedSource source(String path, Duration timeout, int cap) {
        return new FeedSource(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                FeedFormat.STATUSPAGE,
                Duration.ofMinutes(2),
                timeout,
                cap);
    }

    FeedSource source(String path) {
        return source(path, Duration.ofSeconds(5), 1 << 20);
    }

    @Test
    void aConditionalGetAsksOnlyForWhatChangedAndAnEtagChangeMidIncidentIsRead() {
        FeedSource s = source("/summary.json");
        FeedPoller.Poll first = poller.poll(s);
        assertThat(first.outcome()).isEqualTo(FeedPoller.Outcome.FRESH);
        assertThat(first.snapshot().components().get(0).state()).isEqualTo(OfficialState.MAJOR_OUTAGE);

        FeedPoller.Poll second = poller.poll(s);
        assertThat(second.outcome()).isEqualTo(FeedPoller.Outcome.UNCHANGED);
        assertThat(second.snapshot()).isSameAs(first.snapshot());
        assertThat(conditional).containsExactly("\"v1\"");

        body.set(RESOLVED);
        etag.set("\"v2\"");
        FeedPoller.Poll third = poller.poll(s);
        assertThat(third.outcome()).isEqualTo(FeedPoller.Outcome.FRESH);
        assertThat(third.snapshot().components())
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(OfficialState.OPERATIONAL));
        assertThat(third.snapshot().incidents().get(0).resolved()).isNotNull();
        assertThat(poller.poll(s).outcome()).isEqualTo(FeedPoller.Outcome.UNCHANGED);
        assertThat(conditional).containsExactly("\"v1\"", "\"v1\"", "\"v2\"");
        assertThat(s.status().lastChange()).isNotNull();
        assertThat(s.status().unreachable()).isFalse();
    }

    @Test
    void aFailingPageBecomesUnreachableFromItsFirstFailureAndKeepsItsLastWord() {
        FeedSource s = source("/summary.json");
        poller.poll(s);
        status.set(503);
        FeedPoller.Poll failed = poller.poll(s);
        assertThat(failed.outcome()).isEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(failed.error()).startsWith("HTTP 503 from http://127.0.0.1:");
        assertThat(failed.snapshot()).as("the last good word is kept").isNotNull();
        assertThat(s.status().unreachable()).as("one blip is not news").isFalse();
        java.time.Instant firstFailure = s.status().lastPoll();
        poller.poll(s);
        assertThat(s.status().unreachableSince()).isEqualTo(firstFailure);
        assertThat(s.status().failures()).isEqualTo(2);

        status.set(200);
        assertThat(poller.poll(s).outcome()).isNotEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(s.status().unreachable()).isFalse();
        assertThat(s.status().lastError()).isNull();
    }

    @Test
    void badBodiesAreFailuresThatNameWhatIsWrong() {
        FeedSource s = source("/summary.json");
        String good = new String(GOOD, StandardCharsets.UTF_8);
        var cases = new java.util.LinkedHashMap<String, String>();
        cases.put("", "empty body");
        cases.put(good.substring(0, good.length() / 2), "not JSON");
        cases.put(
                good.replace("\"name\": \"CDN/Cache\"", "\"name\": 7"),
                "components[1].name: expected text, got number");
        cases.put("<html>502 Bad Gateway</html>", "not JSON");
        for (var c : cases.entrySet()) {
            body.set(c.getKey().getBytes(StandardCharsets.UTF_8));
            etag.set("\"" + c.getKey().hashCode() + "\"");
            FeedPoller.Poll p = poller.poll(s);
            assertThat(p.outcome()).as(c.getValue()).isEqualTo(FeedPoller.Outcome.FAILED);
            assertThat(p.error()).startsWith("not a valid statuspage feed: ").contains(c.getValue());
        }
    }

    @Test
    void aHugeBodyStopsAtTheCap() {
        FeedPoller.Poll p = poller.poll(source("/huge", Duration.ofSeconds(5), 256 * 1024));
        assertThat(p.outcome()).isEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(p.error()).isEqualTo("the body is larger than the 256 KB cap");
    }

    @Test
    void aSlowPageTimesOut() {
        delayMs.set(3_000);
        long t0 = System.nanoTime();
        FeedPoller.Poll p = poller.poll(source("/summary.json", Duration.ofMillis(500), 1 << 20));
        assertThat(p.outcome()).isEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(p.error()).isEqualTo("no complete answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2_900));
    }

    @Test
    void redirectsAreFollowed() {
        FeedPoller.Poll p = poller.poll(source("/moved"));
        assertThat(p.outcome()).isEqualTo(FeedPoller.Outcome.FRESH);
        assertThat(hits.of("/moved")).isEqualTo(1);
        assertThat(hits.of("/summary.json")).isEqualTo(1);
    }

    @Test
    void internalAddressesAreRefusedUnlessAllowed() {
        var guarded = new FeedPoller(new HttpProbe(AddressGuard.defaults(), Clock.systemUTC()), Clock.systemUTC());
        FeedPoller.Poll p = guarded.poll(source("/summary.json"));
        assertThat(p.outcome()).isEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(p.error()).contains("not allowed");
        assertThat(hits.of("/summary.json")).isZero();
    }

    @Test
    void aClosedPortIsAFailureNotAnException() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        var gone = new FeedSource(
                URI.create("http://127.0.0.1:" + port + "/x"),
                FeedFormat.RSS,
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                1024);
        assertThat(poller.poll(gone).error()).contains("Connect");
    }

    @Test
    void backoffDoublesUpToItsCapWithJitter() {
        FeedSource s = new FeedSource(
                URI.create("http://127.0.0.1:1/x"), FeedFormat.RSS, Duration.ofMinutes(2), Duration.ofSeconds(1), 1024);
        assertThat(s.nextDelay(0.99)).isEqualTo(Duration.ofMinutes(2));
        s.failed(java.time.Instant.EPOCH, "x");
        assertThat(s.nextDelay(0.5)).isEqualTo(Duration.ofMinutes(2));
        s.failed(java.time.Instant.EPOCH, "x");
        assertThat(s.nextDelay(0.5)).isEqualTo(Duration.ofMinutes(4));
        assertThat(s.nextDelay(0.0)).isEqualTo(Duration.ofMillis(4 * 60_000 * 8 / 10));
        assertThat(s.nextDelay(1.0)).isEqualTo(Duration.ofMillis(4 * 60_000 * 12 / 10));
        for (int i = 0; i < 40; i++) {
            s.failed(java.time.Instant.EPOCH, "x");
        }
        assertThat(s.nextDelay(0.5)).isEqualTo(FeedSource.MAX_BACKOFF);
    }

    @Test
    void theSchedulerPollsEachSourceAndASlowOneHoldsUpNoOther() throws Exception {
        delayMs.set(0);
        var heard = new ConcurrentHashMap<String, AtomicInteger>();
        try (var scheduler = new FeedScheduler(
                poller,
                (src, poll) -> heard.computeIfAbsent(src.url().getPath(), k -> new AtomicInteger())
                        .incrementAndGet())) {
            var fast = new FeedSource(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/moved"),
                    FeedFormat.STATUSPAGE,
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    1 << 20);
            var hang = new FeedSource(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/huge"),
                    FeedFormat.STATUSPAGE,
                    Duration.ofMillis(100),
                    Duration.ofMillis(100),
                    64 << 20);
            scheduler.sync(List.of(fast, hang));
            long deadline = System.currentTimeMillis() + 10_000;
            while (heard.getOrDefault("/moved", new AtomicInteger()).get() < 5
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(heard.get("/moved").get()).isGreaterThanOrEqualTo(5);
            scheduler.sync(List.of(hang));
            assertThat(scheduler.sources()).containsExactly(hang);
        }
    }
}
