package org.epicenter.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many viewers on the live stream of a running Epicenter: opens {@code streams} streams on
 * {@code /api/v1/events}, then for {@code seconds} records when each stream receives each tick (the
 * server sends one to every viewer every 10 s) and prints, per tick, how many viewers got it and how
 * long after the first viewer the others did.
 * {@code java -cp bench/target/epicenter-bench.jar org.epicenter.bench.SseFanout http://127.0.0.1:18090 2000 60}
 */
final class SseFanout {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int streams = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var connected = new AtomicInteger();
        var failed = new AtomicInteger();
        var ticks = new ConcurrentLinkedQueue<Long>();
        long opening = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                    .header("Accept", "text/event-stream")
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .thenAcceptAsync(
                            r -> r.body().forEach(line -> {
                                if (line.equals(": connected")) {
                                    connected.incrementAndGet();
                                } else if (line.equals(": tick")) {
                                    ticks.add(System.nanoTime());
                                }
                            }),
                            Thread.ofVirtual()::start)
                    .exceptionally(e -> {
                        failed.incrementAndGet();
                        return null;
                    });
        }
        for (int i = 0; i < 600 && connected.get() + failed.get() < streams; i++) {
            Thread.sleep(100);
        }
        System.out.printf(
                Locale.ROOT,
                "%d of %d streams open after %.1f s, %d failed%n",
                connected.get(),
                streams,
                (System.nanoTime() - opening) / 1e9,
                failed.get());
        ticks.clear(); // only ticks every stream could have seen
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long[] at = ticks.stream().mapToLong(Long::longValue).sorted().toArray();
        // a tick reaches every viewer within far less than the 10 s between ticks: gaps over 5 s part them
        List<long[]> groups = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= at.length; i++) {
            if (i == at.length || at[i] - at[i - 1] > TimeUnit.SECONDS.toNanos(5)) {
                groups.add(Arrays.copyOfRange(at, from, i));
                from = i;
            }
        }
        for (long[] g : groups) {
            double p50 = (g[g.length / 2] - g[0]) / 1e6;
            double p99 = (g[Math.min(g.length - 1, (int) (g.length * 0.99))] - g[0]) / 1e6;
            double last = (g[g.length - 1] - g[0]) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "tick: %d viewers; after the first viewer: p50 %.1f ms, p99 %.1f ms, last %.1f ms%n",
                    g.length,
                    p50,
                    p99,
                    last);
        }
        System.out.printf(Locale.ROOT, "streams failed by the end: %d of %d%n", failed.get(), streams);
        System.exit(0);
    }
}
