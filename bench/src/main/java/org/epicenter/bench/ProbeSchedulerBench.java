package org.epicenter.bench;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.Cidr;
import org.epicenter.probes.ProbeScheduler;
import org.epicenter.probes.TcpProbe;

/**
 * Issue 5's scheduler goal: 10,000 TCP probes at 30 s intervals against a loopback listener, the
 * process's CPU (cores used) and the schedule slip (how late runs start), measured after the first
 * interval has spread the probes out.
 * {@code java -cp bench/target/epicenter-bench.jar org.epicenter.bench.ProbeSchedulerBench 10000 30 90}
 */
public final class ProbeSchedulerBench {
    public static void main(String[] args) throws Exception {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 90;
        var listener = new ServerSocket(0, 4096, InetAddress.getByName("127.0.0.1"));
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try (Socket s = listener.accept()) {
                    // accepted and closed: what a TCP probe needs
                } catch (Exception e) {
                    return;
                }
            }
        });
        var probe = new TcpProbe(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());
        long[] slips = new long[probes * (seconds / interval + 2)];
        var slipCount = new AtomicInteger();
        var measuring = new java.util.concurrent.atomic.AtomicBoolean();
        var failures = new AtomicLong();
        var ok = new AtomicLong();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (var scheduler = new ProbeScheduler(Clock.systemUTC(), 2_000, slip -> {
            if (measuring.get()) {
                int i = slipCount.getAndIncrement();
                if (i < slips.length) {
                    slips[i] = slip;
                }
            }
        })) {
            for (int i = 0; i < probes; i++) {
                scheduler.add("probe-" + i, Duration.ofSeconds(interval), () -> {
                    if (probe.run("127.0.0.1", listener.getLocalPort(), Duration.ofSeconds(5))
                                    .error()
                            == null) {
                        ok.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                });
            }
            scheduler.start();
            Thread.sleep(interval * 1000L); // the first interval spreads the probes out
            measuring.set(true);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long started0 = scheduler.started();
            Thread.sleep((seconds - interval) * 1000L);
            long cpu1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            measuring.set(false);
            int n = Math.min(slipCount.get(), slips.length);
            long[] s = Arrays.copyOf(slips, n);
            Arrays.sort(s);
            System.out.printf(
                    "probes=%d interval=%ds measured=%ds runs=%d (%.0f/s) ok=%d failed=%d skipped=%d cores=%.3f "
                            + "slip_p50_ms=%d slip_p99_ms=%d slip_max_ms=%d%n",
                    probes,
                    interval,
                    seconds - interval,
                    scheduler.started() - started0,
                    (scheduler.started() - started0) / ((t1 - t0) / 1e9),
                    ok.get(),
                    failures.get(),
                    scheduler.skipped(),
                    (cpu1 - cpu0) / (double) (t1 - t0),
                    s[n / 2],
                    s[(int) (n * 0.99)],
                    s[n - 1]);
        }
        listener.close();
    }
}
