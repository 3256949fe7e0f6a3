package org.epicenter.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probe.ProbeResult;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.Cidr;
import org.epicenter.probes.ProbeExecutor;
import org.epicenter.probes.ProbeRunner;
import org.epicenter.server.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code epicenter agent}: runs the server's probes from another location. It fetches its
 * assignments (an ETag makes an unchanged list a 304), runs them with the same {@link ProbeRunner}
 * as the server, and pushes results in batches. When the server is away (a restart, a network
 * cut) it keeps probing and keeps results, up to {@link #BUFFER}, and delivers them when the server
 * is back: retries back off from 1 s to 30 s. When the buffer is full the oldest results go first,
 * counted in {@link #dropped()}.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    static final int BUFFER = 100_000;
    static final int BATCH = 1_000;

    private final URI server;
    private final String token;
    private final String location;
    private final Duration refresh;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ProbeRunner runner;
    private final LinkedBlockingDeque<ProbeResult> buffer = new LinkedBlockingDeque<>();
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread fetcher;
    private final Thread pusher;
    private volatile boolean stopped;
    private volatile String etag;
    private volatile boolean assigned;

    public Agent(URI server, String token, String location, List<Cidr> allow, Duration refresh, Clock clock) {
        if (!location.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException(
                    "location must be a lowercase name of 1-40 letters, digits and dashes, got \"" + location + "\"");
        }
        String scheme = server.getScheme() == null ? "" : server.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || server.getHost() == null) {
            throw new IllegalArgumentException("--server must be an http:// or https:// URL, got \"" + server + "\"");
        }
        this.server = server;
        this.token = token;
        this.location = location;
        this.refresh = refresh;
        this.runner = new ProbeRunner(
                new ProbeExecutor(AddressGuard.allowing(allow), clock), clock, location, 2_000, slip -> {}, this::keep);
        this.fetcher =
                Thread.ofPlatform().daemon().name("epicenter-agent-fetch").unstarted(this::fetchLoop);
        this.pusher = Thread.ofPlatform().daemon().name("epicenter-agent-push").unstarted(this::pushLoop);
    }

    public void start() {
        runner.start();
        fetcher.start();
        pusher.start();
    }

    private void keep(ProbeResult r) {
        buffer.offerLast(r);
        while (buffer.size() > BUFFER && buffer.pollFirst() != null) {
            dropped.incrementAndGet();
        }
    }

    private URI at(String path) {
        String base = server.toString().endsWith("/")
                ? server.toString().substring(0, server.toString().length() - 1)
                : server.toString();
        return URI.create(base + path);
    }

    private void fetchLoop() {
        while (!stopped) {
            try {
                fetch();
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot fetch assignments from {} ({}); probing on with what I have", server, e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(assigned ? refresh.toMillis() : 2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Fetches the assignments once; true when they changed. */
    boolean fetch() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(at("/api/v1/agent/assignments"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 304) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        var assignments = new HashMap<String, List<ProbeSpec>>();
        for (JsonNode a : Json.MAPPER.readTree(response.body()).path("probes")) {
            ProbeSpec spec = CatalogCodec.readProbeJson(Json.MAPPER.writeValueAsBytes(a.path("probe")));
            assignments
                    .computeIfAbsent(a.path("entry").asText(), k -> new ArrayList<>())
                    .add(spec);
        }
        runner.sync(assignments);
        etag = response.headers().firstValue("ETag").orElse(null);
        if (!assigned) {
            LOG.info("agent {}: {} probes assigned by {}", location, runner.size(), server);
        }
        assigned = true;
        return true;
    }

    private void pushLoop() {
        long backoff = 1_000;
        var batch = new ArrayList<ProbeResult>();
        while (!stopped || !buffer.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    ProbeResult first = buffer.pollFirst(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    Thread.sleep(200); // let a burst gather
                    buffer.drainTo(batch, BATCH - 1);
                }
                push(batch);
                pushed.addAndGet(batch.size());
                batch.clear();
                backoff = 1_000;
            } catch (InterruptedException e) {
                if (stopped) {
                    batch.forEach(buffer::offerFirst);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "cannot deliver {} results to {} ({}); retrying in {} s",
                        batch.size(),
                        server,
                        e.getMessage(),
                        backoff / 1_000);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    if (stopped) {
                        return;
                    }
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private void push(List<ProbeResult> batch) throws IOException, InterruptedException {
        var results = new ArrayList<Map<String, Object>>();
        for (ProbeResult r : batch) {
            var m = new LinkedHashMap<String, Object>();
            m.put("entry", r.entry());
            m.put("probe", r.probe());
            m.put("at", r.at());
            m.put("ok", r.ok());
            m.put("latencyMs", r.latencyMs());
            m.put("detail", r.detail());
            results.add(m);
        }
        byte[] body = Json.bytes(Map.of("location", location, "results", results));
        var request = HttpRequest.newBuilder(at("/api/v1/agent/results"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 400 || response.statusCode() == 413) {
            // the server will never take this batch; keeping it would block every later one
            LOG.error("server refused a batch of {} results for good: {}", batch.size(), response.body());
            dropped.addAndGet(batch.size());
            return;
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    public long pushed() {
        return pushed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        stopped = true;
        runner.close();
        fetcher.interrupt();
        pusher.interrupt();
    }
}
