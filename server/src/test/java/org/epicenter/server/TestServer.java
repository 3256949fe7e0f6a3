package org.epicenter.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real Epicenter on 127.0.0.1, port 0, with its own data directory and a hand-moved clock. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final TestClock clock;
    public final Path dataDir;
    public final List<String> announcedTokens = new ArrayList<>();
    private final ServerSettings settings;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Epicenter epicenter;
    private final boolean demo;
    private final java.time.Clock serverClock;

    public TestServer(Path dataDir, UnaryOperator<ServerSettings> tweak) {
        this(dataDir, tweak, new TestClock(Instant.parse("2025-11-18T11:20:00Z")));
    }

    public TestServer(Path dataDir, UnaryOperator<ServerSettings> tweak, TestClock clock) {
        this(dataDir, tweak, clock, false);
    }

    /** With {@code demo}, the server backfills a simulated week and streams simulated reports (serve --demo). */
    public TestServer(Path dataDir, UnaryOperator<ServerSettings> tweak, TestClock clock, boolean demo) {
        this(dataDir, tweak, clock, clock, demo);
    }

    /** On real time (probes run on real time): {@link #clock} is null. */
    public static TestServer realTime(Path dataDir, UnaryOperator<ServerSettings> tweak) {
        return new TestServer(dataDir, tweak, null, java.time.Clock.systemUTC(), false);
    }

    private TestServer(
            Path dataDir,
            UnaryOperator<ServerSettings> tweak,
            TestClock clock,
            java.time.Clock serverClock,
            boolean demo) {
        this.demo = demo;
        this.dataDir = dataDir;
        this.clock = clock;
        this.serverClock = serverClock;
        ServerSettings d = ServerSettings.defaults();
        this.settings = tweak.apply(new ServerSettings(
                "127.0.0.1",
                0,
                dataDir,
                null,
                d.dedupWindow(),
                d.rawRetention(),
                d.aggregateRetention(),
                d.reportsPerMinute(),
                d.reportBurst(),
                d.maxBodyBytes(),
                "",
                "",
                List.of(),
                ADMIN_TOKEN,
                d.commitBatch(),
                ProbeSettings.off(),
                null,
                null,
                null,
                null,
                null,
                null));
        start();
    }

    /** The same settings with other probe settings. */
    public static ServerSettings withProbes(ServerSettings s, ProbeSettings probes) {
        return new ServerSettings(
                s.host(),
                s.port(),
                s.dataDir(),
                s.catalogFile(),
                s.dedupWindow(),
                s.rawRetention(),
                s.aggregateRetention(),
                s.reportsPerMinute(),
                s.reportBurst(),
                s.maxBodyBytes(),
                s.countryHeader(),
                s.clientIpHeader(),
                s.corsOrigins(),
                s.adminToken(),
                s.commitBatch(),
                probes,
                s.publicUrl(),
                s.mail(),
                s.alertsFile(),
                s.http(),
                s.store(),
                s.cluster());
    }

    /**
     * A client address in a network of its own (a /24, one per {@code i} below 13 million), to send
     * as X-Forwarded-For: one network counts as one reporter per service per window.
     */
    public static String net(int i) {
        return (11 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255) + ".7";
    }

    /** The same settings with mail (SMTP) and a public URL (null for none). */
    public static ServerSettings withMail(ServerSettings t, MailSettings mail, String publicUrl) {
        return new ServerSettings(
                t.host(),
                t.port(),
                t.dataDir(),
                t.catalogFile(),
                t.dedupWindow(),
                t.rawRetention(),
                t.aggregateRetention(),
                t.reportsPerMinute(),
                t.reportBurst(),
                t.maxBodyBytes(),
                t.countryHeader(),
                t.clientIpHeader(),
                t.corsOrigins(),
                t.adminToken(),
                t.commitBatch(),
                t.probes(),
                publicUrl,
                mail,
                t.alertsFile(),
                t.http(),
                t.store(),
                t.cluster());
    }

    public static ServerSettings with(
            ServerSettings s,
            String countryHeader,
            String clientIpHeader,
            int perMinute,
            int burst,
            List<String> cors,
            String adminToken,
            Path catalog) {
        return new ServerSettings(
                s.host(),
                s.port(),
                s.dataDir(),
                catalog,
                s.dedupWindow(),
                s.rawRetention(),
                s.aggregateRetention(),
                perMinute,
                burst,
                s.maxBodyBytes(),
                countryHeader,
                clientIpHeader,
                cors,
                adminToken,
                s.commitBatch(),
                s.probes(),
                s.publicUrl(),
                s.mail(),
                s.alertsFile(),
                s.http(),
                s.store(),
                s.cluster());
    }

    public void start() {
        epicenter = Epicenter.start(settings, serverClock, announcedTokens::add, demo);
    }

    /** Stops and starts again on the same data directory (a new port). */
    public void restart() {
        epicenter.close();
        start();
    }

    /** Runs a detection tick now (the server's own ticks run every 10 s of real time). */
    public void readSocialNow() {
        epicenter.readSocialNow();
    }

    public void detectNow() {
        epicenter.detectNow();
    }

    /** Polls every official feed now (the server's own schedule polls every few minutes of real time). */
    public void pollFeedsNow() {
        epicenter.pollFeedsNow();
    }

    /** Sends the alerts due now (the server's dispatcher also looks every second of real time). */
    public void dispatchAlertsNow() {
        epicenter.dispatchAlertsNow();
    }

    public List<String> routes() {
        return epicenter.routes();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + epicenter.port() + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POST a report as JSON from a client identified by its forwarded address (when the server trusts one). */
    public HttpResponse<String> report(String json, String... headers) {
        var b = HttpRequest.newBuilder(uri("/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    public HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Override
    public void close() {
        epicenter.close();
    }
}
