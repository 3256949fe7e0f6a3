package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar is killed with SIGKILL while a webhook receiver holds its alert unanswered. After
 * the restart the alert goes out again with the same Idempotency-Key, is answered, and is never
 * sent a third time: nothing is lost, and a receiver that keeps keys sees it once.
 *
 * <p>The alert comes from official status feeds served here: a CDN's RSS and a shop's RSS (the shop
 * depends on the CDN) both post a disruption. The CDN shows trouble of its own, so the cause is
 * told at once, with no wait for a baseline.
 */
class AlertKill9IT {
    @TempDir
    Path dir;

    HttpServer local;
    final List<String> keys = new CopyOnWriteArrayList<>();
    final List<Integer> answers = new CopyOnWriteArrayList<>();
    final CountDownLatch firstArrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    Process server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.destroyForcibly();
        }
        if (local != null) {
            local.stop(0);
        }
    }

    private static String rss(String title) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(2).withNano(0));
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>s</title><link>https://s.example/</link><description>s</description>"
                + "<item><title>" + title + "</title><link>https://s.example/1</link><guid>" + title.hashCode()
                + "</guid><pubDate>" + date
                + "</pubDate><description>" + title + "</description></item></channel></rss>";
    }

    private void hook(HttpExchange x) throws IOException {
        x.getRequestBody().readAllBytes();
        keys.add(x.getRequestHeaders().getFirst("Idempotency-Key"));
        if (keys.size() == 1) {
            firstArrived.countDown();
            try {
                release.await(60, TimeUnit.SECONDS); // holds the first attempt while the server is killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        answers.add(200);
        x.sendResponseHeaders(200, -1);
        x.close();
    }

    @Test
    void anAlertInFlightWhenTheServerIsKilledIsSentAgainOnceWithTheSameKey() throws Exception {
        Path jar = Path.of("target", "epicenter.jar");
        assertThat(jar).as("built by the package phase").exists();
        local = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        String edge = rss("Service disruption: elevated errors at the edge");
        String shop = rss("Service disruption: checkout unavailable");
        local.createContext("/edge.rss", x -> send(x, edge));
        local.createContext("/shop.rss", x -> send(x, shop));
        local.createContext("/hook", this::hook);
        local.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        local.start();
        int p = local.getAddress().getPort();
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                entries:
                  - {id: edge, kind: provider, name: {en: Edge CDN, ar: إيدج}, category: cdn,
                     feeds: [{url: "http://127.0.0.1:%d/edge.rss", format: rss}]}
                  - {id: shop, kind: service, name: {en: Shop, ar: متجر}, category: ecommerce,
                     dependsOn: [{id: edge, evidence: confirmed, source: test}],
                     feeds: [{url: "http://127.0.0.1:%d/shop.rss", format: rss}]}
                """.formatted(p, p));
        Path alerts = dir.resolve("alerts.yaml");
        Files.writeString(alerts, """
                subscriptions:
                  - {id: ops, channel: webhook, url: "http://127.0.0.1:%d/hook", providers: [edge]}
                """.formatted(p));
        Path data = dir.resolve("data");
        Files.createDirectories(data);

        server = start(jar, data, catalog, alerts, "run1");
        assertThat(firstArrived.await(60, TimeUnit.SECONDS))
                .as("the cause's alert reached the receiver")
                .isTrue();
        server.destroyForcibly(); // SIGKILL while the receiver holds the request
        server.waitFor(10, TimeUnit.SECONDS);
        release.countDown();

        server = start(jar, data, catalog, alerts, "run2");
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answers.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        Thread.sleep(12_000); // a full tick and more: nothing further may go out
        System.out.println("[measure] alert kill -9: requests " + keys.size() + ", keys " + keys);
        assertThat(answers).as("answered once, after the restart").containsExactly(200);
        assertThat(keys)
                .as("the same notification both times, no third")
                .hasSize(2)
                .containsOnly(keys.get(0));
        assertThat(keys.get(0)).startsWith("ops|cause:edge@").endsWith("|firing");
    }

    private static void send(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/rss+xml");
        x.sendResponseHeaders(200, b.length);
        try (var out = x.getResponseBody()) {
            out.write(b);
        }
    }

    private Process start(Path jar, Path data, Path catalog, Path alerts, String name) throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        var pb = new ProcessBuilder(
                        java,
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--data",
                        data.toString(),
                        "--catalog",
                        catalog.toString(),
                        "--alerts",
                        alerts.toString(),
                        "--probe-location",
                        "none",
                        "--probe-allow",
                        "127.0.0.0/8")
                .redirectErrorStream(true)
                .redirectOutput(new File(dir.resolve(name + ".log").toString()));
        pb.environment().put("EPICENTER_ADMIN_TOKEN", "kill9-admin-token-0123456789abcdef");
        Process p = pb.start();
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("server exited: " + Files.readString(dir.resolve(name + ".log")));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not become healthy");
    }
}
