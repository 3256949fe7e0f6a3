package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.epicenter.store.sqlite.SqliteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real jar, loads it with concurrent reports, kills it with SIGKILL mid-stream, and checks
 * that every report the server acknowledged is in the store. {@code -Dkill9.runs=N} repeats it
 * (the benchmark uses 5); CI runs it once.
 */
class Kill9IT {
    @TempDir
    Path dir;

    @Test
    void noAcknowledgedReportIsLostWhenTheProcessIsKilled() throws Exception {
        int runs = Integer.getInteger("kill9.runs", 1);
        Path jar = Path.of("target", "epicenter.jar");
        assertThat(jar).as("built by the package phase").exists();
        for (int run = 1; run <= runs; run++) {
            Path data = dir.resolve("run" + run);
            long acknowledged = killDuringLoad(jar, data);
            long stored;
            try (var store = SqliteStorage.open(data)) {
                stored = store.reports().rawCount();
            }
            System.out.printf(
                    "kill -9 run %d: acknowledged %d, stored %d, in flight at kill %d%n",
                    run, acknowledged, stored, stored - acknowledged);
            assertThat(acknowledged).as("the load really ran").isGreaterThan(200);
            assertThat(stored).as("run %d: acknowledged <= stored", run).isGreaterThanOrEqualTo(acknowledged);
        }
    }

    private static long killDuringLoad(Path jar, Path data) throws Exception {
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
                        "--report-rate",
                        "1000000",
                        "--report-burst",
                        "1000000")
                .redirectErrorStream(true)
                .redirectOutput(new File(data + ".log"));
        pb.environment().put("EPICENTER_ADMIN_TOKEN", "kill9-admin-token-0123456789abcdef");
        Files.createDirectories(data.getParent());
        Process server = pb.start();
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        URI base = URI.create("http://127.0.0.1:" + port);
        awaitHealthy(http, base, server);

        var acknowledged = new AtomicLong();
        var stop = new AtomicBoolean();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 32; c++) {
                int client = c;
                clients.submit(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        var req = HttpRequest.newBuilder(base.resolve("/api/v1/reports"))
                                .header("Content-Type", "application/json")
                                .header("User-Agent", "kill9-" + client + "-" + i)
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"service\":\"x\",\"problem\":\"app\",\"country\":\"SA\"}"))
                                .build();
                        try {
                            int status = http.send(req, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            if (status == 201 || status == 200) {
                                acknowledged.incrementAndGet();
                            }
                        } catch (Exception e) {
                            return; // the server is gone
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.get() < 3_000 && System.nanoTime() < deadline) {
                Thread.sleep(5); // waiting for load to build up, not for correctness
            }
            server.destroyForcibly(); // SIGKILL
            server.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
        }
        return acknowledged.get();
    }

    private static void awaitHealthy(HttpClient http, URI base, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited with " + server.exitValue());
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(base.resolve("/healthz"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        server.destroyForcibly();
        throw new AssertionError("server did not become healthy in 30 s");
    }
}
