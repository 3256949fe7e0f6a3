package org.epicenter.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.epicenter.server.Event;
import org.junit.jupiter.api.Test;

/** The live stream on a real Jetty: one viewer that stops reading must not hold up the others, or detection. */
class IncidentEventsTest {
    /** Opens a stream on a plain socket; the caller decides whether anyone reads it. */
    private static Socket open(int port, int receiveBuffer) throws Exception {
        var s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = s.getOutputStream();
        out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    @Test
    void aViewerThatStopsReadingDoesNotStallTheOthers() throws Exception {
        var events = new IncidentEvents();
        var app = Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.routes.sse("/events", events::connect);
                })
                .start("127.0.0.1", 0);
        try (Socket stalled = open(app.port(), 4096);
                Socket reader = open(app.port(), 65536)) {
            var received = new AtomicInteger();
            var ticks = new AtomicInteger();
            var reading = CompletableFuture.runAsync(
                    () -> {
                        try (var in = new BufferedReader(
                                new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                if (line.startsWith("event: incident.acknowledged")) {
                                    received.incrementAndGet();
                                } else if (line.equals(": tick")) {
                                    ticks.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            // the socket closes at the end of the test
                        }
                    },
                    Thread.ofVirtual()::start);
            waitForClients(events, 2);
            String payload = "x".repeat(64 * 1024);
            int sent = 200; // 12.8 MB: far more than the stalled socket's buffers hold
            var pushing = CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < sent; i++) {
                            events.changed(new Event.IncidentAcknowledged(Map.of("i", i, "pad", payload)));
                        }
                    },
                    Thread.ofVirtual()::start);
            // before, each write to the stalled viewer blocked until Jetty's idle timeout (30 s)
            pushing.get(20, TimeUnit.SECONDS);
            waitFor(received, sent);
            assertThat(received.get()).as("events the reading viewer got").isEqualTo(sent);
            assertThat(events.clients())
                    .as("the stalled viewer is not yet too far behind")
                    .isEqualTo(2);

            // ticks, in batches the reading viewer keeps up with, until the stalled one is too far behind
            int published = 0;
            while (published <= IncidentEvents.MAX_PENDING + 500) {
                for (int i = 0; i < 500; i++, published++) {
                    events.ticked();
                }
                waitFor(ticks, published);
                assertThat(ticks.get()).as("ticks the reading viewer got").isEqualTo(published);
            }
            assertThat(events.clients())
                    .as("the stalled viewer, too far behind, was let go")
                    .isEqualTo(1);
            reading.cancel(true);
        } finally {
            app.stop();
        }
    }

    private static void waitFor(AtomicInteger counter, int n) throws InterruptedException {
        for (int i = 0; i < 300 && counter.get() < n; i++) {
            Thread.sleep(100);
        }
    }

    private static void waitForClients(IncidentEvents events, int n) throws InterruptedException {
        for (int i = 0; i < 100 && events.clients() < n; i++) {
            Thread.sleep(50);
        }
        assertThat(events.clients()).isEqualTo(n);
    }
}
