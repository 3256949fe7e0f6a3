package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epicenter.server.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.probes.Cidr;
import org.epicenter.store.sqlite.DataDirLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, tried as an attacker would, against the real server on loopback: faking an outage from
 * one address, spoofing the client-address header, injecting HTML into a page, a second server on
 * the same data, slow clients. Each test fails on the code before the fix it covers.
 */
class AbuseIT {
    private static final Instant T0 = Instant.parse("2025-11-18T00:00:00Z");
    private static final String QIWA = "{\"service\":\"qiwa\",\"problem\":\"login\",\"country\":\"SA\"}";

    @TempDir
    Path dir;

    /** Seven quiet hours of qiwa: a report every ten minutes, each from a network of its own. */
    private static void quietHistory(TestServer server, TestClock clock) {
        for (int minute = 0; minute < 420; minute++) {
            if (minute % 10 == 0) {
                assertThat(server.report(QIWA, "X-Forwarded-For", TestServer.net(500_000 + minute))
                                .statusCode())
                        .isEqualTo(201);
            }
            clock.advance(Duration.ofMinutes(1));
        }
        server.detectNow();
    }

    private static String status(TestServer server) {
        return json(server.get("/api/v1/services/qiwa")).path("status").asText();
    }

    private static JsonNode incidents(TestServer server) {
        return json(server.get("/api/v1/incidents?service=qiwa")).path("incidents");
    }

    @Test
    void oneAddressRotatingItsUserAgentCannotFakeAnOutageButFortyNetworksConfirmOne() {
        var clock = new TestClock(T0);
        try (var server = new TestServer(
                dir,
                s -> TestServer.with(
                        s, "", "X-Forwarded-For", 1_000_000, 1_000_000, List.of(), TestServer.ADMIN_TOKEN, null),
                clock)) {
            quietHistory(server, clock);

            // H2: one POST every 2 s from one address, each with a new User-Agent, 160 in all
            int counted = 0;
            for (int i = 0; i < 160; i++) {
                var r = server.report(
                        QIWA, "X-Forwarded-For", "198.51.100.23", "User-Agent", "Mozilla/5.0 (attack " + i + ")");
                assertThat(r.statusCode()).isIn(200, 201);
                counted += r.statusCode() == 201 ? 1 : 0;
                clock.advance(Duration.ofSeconds(2));
                if (i % 30 == 29) {
                    server.detectNow();
                    assertThat(status(server)).as("after %d requests", i + 1).isEqualTo("ok");
                }
            }
            assertThat(counted).isEqualTo(1);
            clock.advance(Duration.ofMinutes(2));
            server.detectNow();
            assertThat(status(server)).isEqualTo("ok");
            assertThat(incidents(server)).isEmpty();

            // the same attack walking the 256 addresses of its /24 is still one reporter
            for (int i = 0; i < 60; i++) {
                assertThat(server.report(QIWA, "X-Forwarded-For", "198.51.100." + i)
                                .statusCode())
                        .isEqualTo(200);
            }

            // an hour later, the same volume from 40 networks: a real outage as the crowd reports it
            clock.advance(Duration.ofMinutes(60));
            server.detectNow();
            counted = 0;
            for (int i = 0; i < 160; i++) {
                var r = server.report(QIWA, "X-Forwarded-For", TestServer.net(900_000 + i % 40));
                counted += r.statusCode() == 201 ? 1 : 0;
                clock.advance(Duration.ofSeconds(2));
            }
            assertThat(counted).isEqualTo(40);
            clock.advance(Duration.ofMinutes(1));
            server.detectNow();
            assertThat(incidents(server))
                    .singleElement()
                    .satisfies(i -> assertThat(i.path("confirmed").isNull()).isFalse());
        }
    }

    @Test
    void theClientAddressHeaderIsBelievedOnlyFromTrustedProxies() {
        // the loopback peer is not a trusted proxy here: its X-Forwarded-For is ignored
        try (var server = new TestServer(
                dir,
                s -> TestServer.with(s, "", "X-Forwarded-For", 6, 5, List.of(), TestServer.ADMIN_TOKEN, null)
                        .withHttp(org.epicenter.server.HttpSettings.defaults()
                                .withTrustedProxies(List.of(Cidr.parse("192.0.2.0/24")))))) {
            int counted = 0;
            int limited = 0;
            for (int i = 0; i < 53; i++) {
                int status = server.report(QIWA, "X-Forwarded-For", TestServer.net(i))
                        .statusCode();
                counted += status == 201 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            assertThat(counted).isEqualTo(1);
            assertThat(limited).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void pagesEscapeWhatTheAddressCarriesAndUnknownIncidentsAreNotFound() {
        try (var server = new TestServer(dir, s -> s)) {
            for (String path : List.of(
                    "/i/whatsapp/x%22%3E%3Ch1%3EWhatsApp%20hacked%3C%2Fh1%3E",
                    "/c/cloudflare/x%22%3E%3Cmeta%20http-equiv%3Drefresh%20content%3D0%3Burl%3Dhttps%3A%2F%2Fevil.example%3E",
                    "/i/whatsapp/2025-11-18T07:00:00Z",
                    "/c/cloudflare/2025-11-18T07:00:00Z",
                    "/s/%22%3E%3Ch1%3Ehacked%3C%2Fh1%3E",
                    "/i/nope/2025-11-18T07:00:00Z")) {
                var r = server.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.body())
                        .as(path)
                        .doesNotContain("<h1>")
                        .doesNotContain("<meta http-equiv=refresh")
                        .doesNotContain("hacked")
                        .contains("data-page=\"missing\"");
                assertThat(r.headers().firstValue("Content-Security-Policy"))
                        .as(path)
                        .isPresent();
            }
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryRefusesToStart() {
        try (var first = new TestServer(dir, s -> s)) {
            assertThatThrownBy(() -> new TestServer(dir, s -> s))
                    .isInstanceOf(DataDirLock.DataDirInUse.class)
                    .hasMessageContaining("is in use by another Epicenter (process "
                            + ProcessHandle.current().pid());
            assertThat(first.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** Reads until the server closes the connection or {@code limit} passes; true when it closed. */
    private static boolean closedWithin(Socket socket, Duration limit) throws Exception {
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        long end = System.nanoTime() + limit.toNanos();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < end) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (java.net.SocketException e) {
                return true; // reset
            }
        }
        return false;
    }

    @Test
    void slowHeadersAndSlowBodiesAreCutAtTheirDeadlineWhileHealthAnswers() throws Exception {
        var http = org.epicenter.server.HttpSettings.defaults()
                .withLimits(64, Duration.ofSeconds(2), Duration.ofSeconds(3));
        try (var server = new TestServer(dir, s -> s.withHttp(http))) {
            int port = server.uri("/").getPort();
            var slow = new ArrayList<Socket>();
            try {
                // slow headers: a request line, then a header line every 500 ms, never the blank line
                Socket header = new Socket("127.0.0.1", port);
                slow.add(header);
                OutputStream out = header.getOutputStream();
                out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                // slow body: a report of 200 bytes, one byte every 500 ms
                Socket body = new Socket("127.0.0.1", port);
                slow.add(body);
                body.getOutputStream()
                        .write(("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: 200\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII));
                long worstHealth = 0;
                var client = HttpClient.newHttpClient();
                for (int i = 0;
                        i < 20;
                        i++) { // the client's own first connection and class loading are not the server's latency
                    client.send(
                            HttpRequest.newBuilder(server.uri("/healthz")).build(),
                            HttpResponse.BodyHandlers.ofString());
                }
                long start = System.nanoTime();
                boolean headerCut = false;
                boolean bodyCut = false;
                while (System.nanoTime() - start < Duration.ofSeconds(8).toNanos() && !(headerCut && bodyCut)) {
                    if (!headerCut) {
                        try {
                            out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } catch (java.io.IOException e) {
                            headerCut = true;
                        }
                    }
                    if (!bodyCut) {
                        try {
                            body.getOutputStream().write(' ');
                            body.getOutputStream().flush();
                        } catch (java.io.IOException e) {
                            bodyCut = true;
                        }
                    }
                    long t = System.nanoTime();
                    var r = client.send(
                            HttpRequest.newBuilder(server.uri("/healthz"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    worstHealth = Math.max(worstHealth, System.nanoTime() - t);
                    assertThat(r.statusCode()).isEqualTo(200);
                    headerCut |= closedWithin(header, Duration.ofMillis(300));
                    bodyCut |= closedWithin(body, Duration.ofMillis(200));
                }
                long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
                System.out.printf(
                        "slow clients: header cut %s, body cut %s after %d ms; worst /healthz %.1f ms%n",
                        headerCut, bodyCut, took, worstHealth / 1e6);
                assertThat(headerCut).as("slow header cut").isTrue();
                assertThat(bodyCut).as("slow body cut").isTrue();
                assertThat(took)
                        .as("cut near the deadlines (2 s, 3 s), not at an idle timeout")
                        .isLessThan(7_000);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void oneClientHoldsAtMostItsShareOfConnections() throws Exception {
        // no trusted proxy, so the loopback client is an ordinary client with a cap of 5
        var http = org.epicenter.server.HttpSettings.defaults()
                .withTrustedProxies(List.of(Cidr.parse("192.0.2.0/24")))
                .withLimits(5, Duration.ofSeconds(10), Duration.ofSeconds(30));
        try (var server = new TestServer(dir, s -> s.withHttp(http))) {
            int port = server.uri("/").getPort();
            var sockets = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 12; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream()
                            .write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    sockets.add(s);
                }
                int closed = 0;
                for (Socket s : sockets) {
                    closed += closedWithin(s, Duration.ofMillis(300)) ? 1 : 0;
                }
                assertThat(closed).isEqualTo(7);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            // once they are gone, the client is served again
            assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorsJettyAnswersItselfAreJsonWithTheSecurityHeaders() throws Exception {
        try (var server = new TestServer(dir, s -> s)) {
            int port = server.uri("/").getPort();
            for (String request : List.of(
                    "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
                    "GET / HTTP/7.1\r\nHost: x\r\n\r\n",
                    "GARBAGE\r\n\r\n")) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
                    assertThat(answer)
                            .as(head)
                            .matches("(?s)HTTP/1.1 (400|414|431|505) .*")
                            .doesNotContain("<html")
                            .doesNotContain("Exception")
                            .containsPattern("\"status\":(400|414|431|505)");
                    assertThat(head.toLowerCase())
                            .contains("x-content-type-options: nosniff")
                            .contains("content-security-policy")
                            .contains("content-type: application/json");
                }
            }
        }
    }

    /** Found by an attacker's review of this work: each of these held the server or its numbers before. */
    @Test
    void blankLinesBeforeTheRequestLineAreCutAtTheHeaderDeadline() throws Exception {
        var http = org.epicenter.server.HttpSettings.defaults()
                .withLimits(64, Duration.ofSeconds(2), Duration.ofSeconds(3));
        try (var server = new TestServer(dir, s -> s.withHttp(http));
                Socket s = new Socket("127.0.0.1", server.uri("/").getPort())) {
            long start = System.nanoTime();
            boolean cut = false;
            while (!cut && System.nanoTime() - start < Duration.ofSeconds(8).toNanos()) {
                try {
                    s.getOutputStream().write('\n'); // never a request line
                    s.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    cut = true;
                }
                cut |= closedWithin(s, Duration.ofMillis(500));
            }
            assertThat(cut)
                    .as("cut at the 2 s header deadline, not held by a byte every 500 ms")
                    .isTrue();
        }
    }

    @Test
    void methodNamesUrlEscapesCountryAndAddressHeadersCannotBeAbused() throws Exception {
        try (var server = new TestServer(
                dir,
                s -> TestServer.with(
                        s, "CF-IPCountry", "X-Forwarded-For", 1000, 1000, List.of(), TestServer.ADMIN_TOKEN, null))) {
            int port = server.uri("/").getPort();
            // any word as a method: not a new metrics label each time
            for (int i = 0; i < 50; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(5000);
                    s.getOutputStream()
                            .write(("WORD" + i + "X /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().readAllBytes();
                }
            }
            assertThat(server.get("/metrics").body()).doesNotContain("WORD").contains("method=\"OTHER\"");
            // %u escapes: a 400, not a 500 and a stack trace
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5000);
                s.getOutputStream()
                        .write("GET /s/%u003c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 400").contains("\"status\":400");
            }
            // an address header entry that is not an address is the proxy itself: one reporter, not one per word
            assertThat(server.report(QIWA, "X-Forwarded-For", "unknown").statusCode())
                    .isEqualTo(201);
            for (String word : List.of("a", "b", "6.6.6.6.", "[6.6.6.6")) {
                assertThat(server.report(QIWA, "X-Forwarded-For", word).statusCode())
                        .as(word)
                        .isEqualTo(200);
            }
        }
        // the country header, like the address header, only from a trusted proxy
        try (var server = new TestServer(
                dir.resolve("untrusted"),
                s -> TestServer.with(s, "CF-IPCountry", "", 1000, 1000, List.of(), TestServer.ADMIN_TOKEN, null)
                        .withHttp(org.epicenter.server.HttpSettings.defaults()
                                .withTrustedProxies(List.of(Cidr.parse("192.0.2.0/24")))))) {
            var r = server.report(QIWA, "CF-IPCountry", "EG");
            assertThat(json(r).path("country").asText()).isEqualTo("SA");
        }
    }
}
