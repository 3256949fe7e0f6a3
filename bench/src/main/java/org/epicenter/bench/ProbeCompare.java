package org.epicenter.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 5's comparison: the same HTTP checks at the same rate against the same loopback target, run
 * one after the other by Epicenter's prober ({@link ProbeLoad}, its own JVM) and by Prometheus'
 * blackbox_exporter (Debian's prometheus-blackbox-exporter, driven by a scrape loop in this
 * process that asks {@code /probe?module=http_2xx} for every check). For each prober process:
 * CPU seconds (user + system, from /proc) over the measured window per 1,000 checks, and peak RSS.
 * The target and the scrape loop run in this process and are not counted.
 *
 * <p>{@code java -cp bench/target/epicenter-bench.jar org.epicenter.bench.ProbeCompare 10000 30 60}
 * (checks, interval seconds, measured seconds; a warm-up of one interval comes first). JVM options
 * for the Epicenter prober come from {@code PROBELOAD_JAVA_OPTS} (for example {@code -Xmx64m}).
 */
public final class ProbeCompare {
    private static final long TICKS = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String blackbox = System.getenv().getOrDefault("BLACKBOX", "/usr/bin/prometheus-blackbox-exporter");

        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4096);
        byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        target.createContext("/", x -> {
            x.sendResponseHeaders(200, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.start();
        String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/";
        System.out.printf(
                "%d checks every %d s (%.0f/s) against %s; warm-up %d s, measured %d s%n",
                checks, interval, checks / (double) interval, url, interval, seconds);

        // Epicenter
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        var command = new java.util.ArrayList<>(List.of(javaBin));
        String opts = System.getenv().getOrDefault("PROBELOAD_JAVA_OPTS", "").strip();
        if (!opts.isEmpty()) {
            command.addAll(List.of(opts.split("\\s+")));
        }
        command.addAll(List.of(
                "-cp", cp, "org.epicenter.bench.ProbeLoad", String.valueOf(checks), String.valueOf(interval), url));
        System.out.println(
                "epicenter prober: " + String.join(" ", command.subList(0, command.size() - 6)) + " … ProbeLoad");
        Process epicenter =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        var lastLine = new java.util.concurrent.atomic.AtomicReference<String>("0 0");
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(epicenter.getInputStream()))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.matches("\\d+ \\d+")) {
                        lastLine.set(line);
                    } else {
                        System.out.println("  epicenter: " + line);
                    }
                }
            } catch (Exception ignored) {
                // process ended
            }
        });
        Thread.sleep(interval * 1_000L);
        long[] before = counts(lastLine.get());
        long cpu0 = cpuTicks(epicenter.pid());
        Thread.sleep(seconds * 1_000L);
        long cpu1 = cpuTicks(epicenter.pid());
        long[] after = counts(lastLine.get());
        long rss = peakRssKb(epicenter.pid());
        epicenter.destroy();
        epicenter.waitFor();
        report("epicenter", after[0] - before[0], after[1] - before[1], cpu1 - cpu0, rss, seconds);

        // blackbox_exporter
        Path config = Files.createTempFile("blackbox", ".yml");
        Files.writeString(config, """
                modules:
                  http_2xx:
                    prober: http
                    timeout: 5s
                    http:
                      valid_status_codes: [200]
                      preferred_ip_protocol: ip4
                """);
        Process exporter = new ProcessBuilder(
                        blackbox,
                        "--config.file=" + config,
                        "--web.listen-address=127.0.0.1:19115",
                        "--log.level=error")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread.sleep(1_000);
        var client = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var skipped = new AtomicLong();
        var probeUri = URI.create("http://127.0.0.1:19115/probe?module=http_2xx&target="
                + java.net.URLEncoder.encode(url, StandardCharsets.UTF_8));
        var scraping = new java.util.concurrent.atomic.AtomicBoolean(true);
        // the scrape loop: the same rate, spread evenly like the scheduler's jitter
        Thread scraper = Thread.ofPlatform().daemon().start(() -> {
            long periodNanos = Duration.ofSeconds(interval).toNanos() / checks;
            long next = System.nanoTime();
            var inFlight = new java.util.concurrent.Semaphore(2_000);
            while (scraping.get()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                next += periodNanos;
                if (!inFlight.tryAcquire()) {
                    skipped.incrementAndGet(); // the exporter is behind: not a check, and said so below
                    continue;
                }
                client.sendAsync(
                                HttpRequest.newBuilder(probeUri)
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            inFlight.release();
                            (e == null && r.body().contains("\nprobe_success 1") ? ok : failed).incrementAndGet();
                        });
            }
        });
        Thread.sleep(interval * 1_000L);
        long ok0 = ok.get();
        long failed0 = failed.get();
        long bcpu0 = cpuTicks(exporter.pid());
        Thread.sleep(seconds * 1_000L);
        long bcpu1 = cpuTicks(exporter.pid());
        long ok1 = ok.get();
        long failed1 = failed.get();
        long brss = peakRssKb(exporter.pid());
        scraping.set(false);
        scraper.join();
        exporter.destroy();
        exporter.waitFor();
        report("blackbox_exporter", ok1 - ok0, failed1 - failed0, bcpu1 - bcpu0, brss, seconds);
        System.out.printf("%-18s scrapes not sent because 2,000 were still waiting: %,d%n", "", skipped.get());
        target.stop(0);
        System.exit(0);
    }

    private static long[] counts(String line) {
        String[] p = line.split(" ");
        return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])};
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long peakRssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static void report(String who, long ok, long failed, long ticks, long rssKb, int seconds) {
        double cpu = ticks / (double) TICKS;
        long checks = ok + failed;
        System.out.printf(
                "%-18s checks %,d (ok %,d, failed %,d) in %d s: CPU %.2f s = %.3f cores, %.3f CPU s per 1,000 checks; peak RSS %,d MB%n",
                who,
                checks,
                ok,
                failed,
                seconds,
                cpu,
                cpu / seconds,
                checks == 0 ? Double.NaN : cpu * 1_000 / checks,
                rssKb / 1024);
    }
}
