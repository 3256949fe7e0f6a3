package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.epicenter.probe.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP probe against a real HTTP server on 127.0.0.1 (opened to it by the allow-list). */
class HttpProbeTest {
    private HttpServer server;
    private String base;
    private final HttpProbe probe =
            new HttpProbe(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/health", x -> send(x, 200, "{\"status\":\"UP\",\"checks\":[{\"ok\":true}]}", true));
        server.createContext("/chunked", x -> send(x, 200, "part one, part two", false));
        server.createContext("/big", x -> send(x, 200, "x".repeat(100_000), true));
        server.createContext("/down", x -> send(x, 503, "upstream unavailable", true));
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(x, 200, "late", true);
        });
        server.createContext("/hop", x -> redirect(x, "/health"));
        server.createContext("/loop", x -> redirect(x, "/loop"));
        server.createContext("/metadata", x -> redirect(x, "http://169.254.169.254/latest/meta-data/"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(com.sun.net.httpserver.HttpExchange x, int status, String body, boolean withLength)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, withLength ? bytes.length : 0); // 0: chunked
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange x, String to) throws IOException {
        x.getResponseHeaders().add("Location", to);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private HttpProbe.Result get(String path) {
        return probe.run(HttpProbe.Request.get(URI.create(base + path)));
    }

    @Test
    void aHealthyEndpointMeetsItsConditions() {
        var r = get("/health");
        assertThat(r.error()).isNull();
        for (String c :
                List.of("status == 200", "latency < 2000ms", "body.status == \"UP\"", "body.checks[0].ok == true")) {
            assertThat(Condition.parse(c).failure(r.outcome())).as(c).isNull();
        }
        assertThat(Condition.parse("status == 200").failure(get("/down").outcome()))
                .isEqualTo("status 503, expected == 200");
        assertThat(get("/chunked").outcome().body()).isEqualTo("part one, part two");
    }

    @Test
    void bodiesAreCappedAndRedirectsFollowedWithinTheirBound() {
        var big = probe.run(
                new HttpProbe.Request(URI.create(base + "/big"), "GET", Map.of(), Duration.ofSeconds(5), 5, 1000));
        assertThat(big.outcome().body()).hasSize(1000);
        var hop = get("/hop");
        assertThat(hop.outcome().status()).isEqualTo(200);
        assertThat(hop.finalUri().getPath()).isEqualTo("/health");
        var loop = get("/loop");
        assertThat(loop.outcome().connected()).isFalse();
        assertThat(loop.error()).startsWith("more than 5 redirects");
    }

    @Test
    void aRedirectToTheCloudMetadataAddressIsRefused() {
        var r = get("/metadata");
        assertThat(r.outcome().connected()).isFalse();
        assertThat(r.error()).contains("169.254.169.254").contains("link-local");
    }

    @Test
    void loopbackIsRefusedWithoutTheAllowList() {
        var r = new HttpProbe(AddressGuard.defaults(), Clock.systemUTC())
                .run(HttpProbe.Request.get(URI.create(base + "/health")));
        assertThat(r.outcome().connected()).isFalse();
        assertThat(r.error()).contains("loopback");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (var silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            var r = probe.run(new HttpProbe.Request(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    "GET",
                    Map.of(),
                    Duration.ofMillis(300),
                    5,
                    1000));
            assertThat(r.outcome().connected()).isFalse();
            assertThat(r.error()).isEqualTo("no complete answer within 300 ms");
        }
    }

    @Test
    void aSlowAnswerFailsItsLatencyLimitAndOnePastTheDeadlineFailsOutright() {
        var slow = get("/slow");
        assertThat(slow.error()).isNull();
        assertThat(Condition.parse("latency < 200ms").failure(slow.outcome()))
                .startsWith("latency ")
                .endsWith(", expected < 200ms");

        var late = probe.run(
                new HttpProbe.Request(URI.create(base + "/slow"), "GET", Map.of(), Duration.ofMillis(150), 5, 1000));
        assertThat(late.outcome().connected()).isFalse();
        assertThat(late.error()).isEqualTo("no complete answer within 150 ms");
    }

    @Test
    void aConnectionResetAndARefusedPortFailWithTheirCause() throws Exception {
        try (var resetting = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread.startVirtualThread(() -> {
                try (var s = resetting.accept()) {
                    s.getInputStream().read(new byte[16]); // the request has started
                    s.setSoLinger(true, 0); // close with RST
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            var reset = probe.run(new HttpProbe.Request(
                    URI.create("http://127.0.0.1:" + resetting.getLocalPort() + "/"),
                    "GET",
                    Map.of(),
                    Duration.ofSeconds(2),
                    5,
                    1000));
            assertThat(reset.outcome().connected()).isFalse();
            assertThat(reset.error()).containsAnyOf("reset", "closed before an answer");
        }
        int closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        var refused = probe.run(HttpProbe.Request.get(URI.create("http://127.0.0.1:" + closed + "/")));
        assertThat(refused.outcome().connected()).isFalse();
        assertThat(refused.error()).containsIgnoringCase("refused");
    }
}
