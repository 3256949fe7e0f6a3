package org.epicenter.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.epicenter.store.GroupCommitter;

/** Epicenter's meters, exported in the Prometheus text format at /metrics. */
public final class Metrics implements GroupCommitter.BatchListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSize;
    private final Timer batchLatency;
    // Meters are looked up once per tag set: registering on every request costs more than the request's own work.
    private final ConcurrentHashMap<String, Counter> reports = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RequestKey, Timer> requests = new ConcurrentHashMap<>();

    private record RequestKey(String method, String route, int status) {}

    private static final java.util.Set<String> METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        batchSize = DistributionSummary.builder("epicenter.store.batch.size")
                .description("Reports written per group-commit transaction")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        batchLatency = Timer.builder("epicenter.store.batch.latency")
                .description("Time to write and sync one group-commit transaction")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** A report outcome by transport: counted, deduplicated, or rejected with a reason (malformed_json, rate_limited...). */
    public void report(String transport, String outcome, String reason) {
        reports.computeIfAbsent(
                        transport + '\0' + outcome + '\0' + reason,
                        k -> Counter.builder("epicenter.reports")
                                .description(
                                        "Crowd reports by transport, outcome (counted, deduplicated, rejected) and rejection reason")
                                .tag("transport", transport)
                                .tag("outcome", outcome)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }

    private final ConcurrentHashMap<String, Counter> probeResults = new ConcurrentHashMap<>();

    /** Probe results accepted, by location and outcome (ok, failed). */
    public void probeResults(String location, boolean ok, int n) {
        probeResults
                .computeIfAbsent(
                        location + '\0' + ok,
                        k -> Counter.builder("epicenter.probe.results")
                                .description("Probe results accepted, by location and outcome")
                                .tag("location", location)
                                .tag("outcome", ok ? "ok" : "failed")
                                .register(registry))
                .increment(n);
    }

    private final ConcurrentHashMap<String, Counter> feedPolls = new ConcurrentHashMap<>();

    /** A feed poll's outcome (fresh, unchanged, failed), by feed host. */
    public void feedPoll(String host, String outcome) {
        feedPolls
                .computeIfAbsent(
                        host + '\0' + outcome,
                        k -> Counter.builder("epicenter.feed.polls")
                                .description("Official status feed polls, by feed host and outcome")
                                .tag("host", host)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }

    private final DistributionSummary acknowledgementLag = DistributionSummary.builder(
                    "epicenter.official.acknowledgement.lag")
            .baseUnit("seconds")
            .description(
                    "From Epicenter's confirmation of an incident to the official status page's first post about it (0 when the page spoke first)")
            .register(registry);
    private final ConcurrentHashMap<String, Counter> acknowledged = new ConcurrentHashMap<>();

    /**
     * One incident's acknowledgement lag, recorded once, when the official post is first seen. A
     * summary cannot hold negative values, so a page that spoke first records 0 and is counted
     * under {@code first="official"}.
     */
    public void acknowledgementLag(long seconds) {
        acknowledgementLag.record(Math.max(0, seconds));
        String first = seconds < 0 ? "official" : "epicenter";
        acknowledged
                .computeIfAbsent(
                        first,
                        k -> Counter.builder("epicenter.official.acknowledged")
                                .description("Incidents officially acknowledged, by who spoke first")
                                .tag("first", first)
                                .register(registry))
                .increment();
    }

    private final ConcurrentHashMap<String, Counter> alerts = new ConcurrentHashMap<>();

    /** A notification queued (pending, suppressed) or attempted (sent, retried, failed), by kind (firing, update, repeat, resolved). */
    public void alert(String kind, String outcome) {
        alerts.computeIfAbsent(
                        kind + '\0' + outcome,
                        k -> Counter.builder("epicenter.alerts")
                                .description("Alert notifications by kind and outcome")
                                .tag("kind", kind)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }

    private final ConcurrentHashMap<String, Counter> notices = new ConcurrentHashMap<>();

    /** A visitor's "tell me when it is back": asked, confirmed, stopped, expired, and each mail sent, retried or failed. */
    public void notice(String event) {
        notices.computeIfAbsent(
                        event,
                        k -> Counter.builder("epicenter.notices")
                                .description("Visitors' back-in-service email notices by event")
                                .tag("event", event)
                                .register(registry))
                .increment();
    }

    /** A value read when scraped. */
    public void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value)
                .description(description)
                .register(registry);
    }

    public void request(String rawMethod, String route, int status, long nanos) {
        // a client may send any word as its method: only the known ones become labels, so nobody can
        // grow the registry and /metrics without bound (found by an attacker's test, 37 MB in 9 s)
        String method = METHODS.contains(rawMethod) ? rawMethod : "OTHER";
        requests.computeIfAbsent(
                        new RequestKey(method, route, status),
                        k -> Timer.builder("epicenter.http.requests")
                                .description("HTTP request latency by route and status")
                                .tag("method", method)
                                .tag("route", route)
                                .tag("status", Integer.toString(status))
                                // count, sum and max only: client-side percentiles cost a rotating histogram per
                                // request and cannot be aggregated across instances anyway
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void written(int size, long nanos) {
        batchSize.record(size);
        batchLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public String scrape() {
        return registry.scrape();
    }
}
