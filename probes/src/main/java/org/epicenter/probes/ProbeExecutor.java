package org.epicenter.probes;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probe.Condition;
import org.epicenter.probe.ProbeOutcome;
import org.epicenter.probe.ProbeResult;

/**
 * Runs one catalog probe once and judges it by its conditions: the same code on the server and in
 * every agent, so a result means the same wherever it was measured.
 */
public final class ProbeExecutor {
    private final Clock clock;
    private final HttpProbe http;
    private final TcpProbe tcp;
    private final DnsProbe dns;
    private final TlsProbe tls;

    public ProbeExecutor(AddressGuard guard, Clock clock) {
        this(guard, clock, Tls.jdkDefault());
    }

    /** With {@code trust} for HTTPS and TLS (an operator's own CA; tests). */
    public ProbeExecutor(AddressGuard guard, Clock clock, SSLContext trust) {
        this.clock = clock;
        this.http = new HttpProbe(guard, clock, trust);
        this.tcp = new TcpProbe(guard, clock);
        this.dns = new DnsProbe(guard, clock);
        this.tls = new TlsProbe(guard, clock, trust);
    }

    public ProbeResult run(String entry, ProbeSpec spec, List<Condition> conditions, String location) {
        Instant at = clock.instant();
        ProbeRun run;
        try {
            run = switch (spec.kind()) {
                case HTTP -> {
                    var headers = new java.util.LinkedHashMap<>(spec.httpHeaders());
                    // targets can tell which location asked (and operators can allow-list it)
                    if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("User-Agent"))) {
                        headers.put("User-Agent", "epicenter-probe (location " + location + ")");
                    }
                    var r = http.run(new HttpProbe.Request(
                            URI.create(spec.target()),
                            spec.httpMethod(),
                            headers,
                            spec.deadline(),
                            spec.maxRedirects(),
                            64 * 1024));
                    yield new ProbeRun(r.outcome(), r.error());
                }
                case TCP -> tcp.run(spec.host(), spec.targetPort(), spec.deadline());
                case TLS -> tls.run(spec.host(), spec.targetPort(), spec.deadline());
                case DNS ->
                    dns.run(new DnsProbe.Request(
                            spec.target(),
                            spec.dnsRecord(),
                            spec.resolverHost(),
                            spec.resolverPort(),
                            spec.deadline()));
            };
        } catch (RuntimeException e) {
            run = ProbeRun.failed("probe error: " + e.getMessage());
        }
        ProbeOutcome o = run.outcome();
        long latency = o.latency() == null ? -1 : o.latency().toMillis();
        if (run.error() != null) {
            return new ProbeResult(entry, spec.name(), location, at, false, latency, run.error());
        }
        for (Condition c : conditions) {
            String failed = c.failure(o);
            if (failed != null) {
                return new ProbeResult(entry, spec.name(), location, at, false, latency, failed);
            }
        }
        return new ProbeResult(entry, spec.name(), location, at, true, latency, null);
    }
}
