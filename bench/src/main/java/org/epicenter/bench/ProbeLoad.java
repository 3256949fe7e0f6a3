package org.epicenter.bench;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.epicenter.catalog.ProbeKind;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.Cidr;
import org.epicenter.probes.ProbeExecutor;
import org.epicenter.probes.ProbeRunner;

/**
 * The Epicenter side of {@link ProbeCompare}: N catalog HTTP probes ({@code status == 200}) at one
 * interval against one URL, run by the same {@link ProbeRunner} as the server and agents. Prints
 * "ok failed" every second so the parent can count checks.
 * {@code java -cp bench/target/epicenter-bench.jar org.epicenter.bench.ProbeLoad 10000 30 http://127.0.0.1:8081/}
 */
public final class ProbeLoad {
    public static void main(String[] args) throws Exception {
        int probes = Integer.parseInt(args[0]);
        int interval = Integer.parseInt(args[1]);
        String url = args[2];
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var executor = new ProbeExecutor(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());
        try (var runner = new ProbeRunner(
                executor,
                Clock.systemUTC(),
                "bench",
                2_000,
                slip -> {},
                r -> (r.ok() ? ok : failed).incrementAndGet())) {
            Map<String, List<ProbeSpec>> assignments = new HashMap<>();
            for (int i = 0; i < probes; i++) {
                assignments.put(
                        "svc-" + i,
                        List.of(new ProbeSpec(
                                "web",
                                ProbeKind.HTTP,
                                url,
                                null,
                                null,
                                interval + "s",
                                "5s",
                                null,
                                null,
                                null,
                                List.of("status == 200"),
                                null,
                                null)));
            }
            runner.sync(assignments);
            runner.start();
            while (true) {
                Thread.sleep(1_000);
                System.out.println(ok.get() + " " + failed.get());
            }
        }
    }
}
