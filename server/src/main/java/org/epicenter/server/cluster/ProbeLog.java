package org.epicenter.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.epicenter.probe.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probe results shared by every node (cluster mode). A node that runs probes, or takes an agent's
 * batch, stores the results (the shared store keeps them once) and publishes them here, keyed by
 * entry; every node follows the whole topic from where it stood when it started (no consumer
 * group: each node wants every result) and puts the other nodes' results on its own probe board.
 * So any node's pages, and the incidents it fuses, show every location's verdicts.
 */
public final class ProbeLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final String node;
    private final Broadcast log;

    /**
     * Connects and takes the topic's current end as the place to follow from, so that the results
     * this node then reads from the store and the ones it follows meet without a gap.
     */
    public ProbeLog(ClusterSettings settings, String node) {
        this.topic = topic(settings);
        this.node = node;
        this.log = new Broadcast(settings, topic, "probe result", node, false, 8192);
    }

    /** The probe topic beside the report topic. */
    public static String topic(ClusterSettings s) {
        return s.topic() + ".probes";
    }

    /** Publishes results this node stored; a failure is logged (the store has them: only peers' boards miss them). */
    public void publish(List<ProbeResult> results) {
        for (ProbeResult r : results) {
            log.publish(r.entry(), encode(node, r));
        }
    }

    /** Starts handing other nodes' results to {@code sink}, in the order each partition holds them. */
    public void follow(Consumer<List<ProbeResult>> sink) {
        log.follow(batch -> {
            var out = new ArrayList<ProbeResult>();
            for (var record : batch) {
                try {
                    var d = decode(record.value());
                    if (!node.equals(d.node())) {
                        out.add(d.result());
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping a probe result on {}: {}", topic, e.getMessage());
                }
            }
            if (!out.isEmpty()) {
                sink.accept(out);
            }
        });
    }

    record Shared(String node, ProbeResult result) {}

    static byte[] encode(String node, ProbeResult r) {
        var n = JSON.createObjectNode()
                .put("v", 1)
                .put("n", node)
                .put("e", r.entry())
                .put("p", r.probe())
                .put("l", r.location())
                .put("t", r.at().toEpochMilli())
                .put("ok", r.ok())
                .put("ms", r.latencyMs());
        if (r.detail() != null) {
            n.put("d", r.detail());
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Shared decode(byte[] value) {
        JsonNode n = Broadcast.readVersion1(JSON, value, 8192, "shared probe result");
        Broadcast.requireText(n, 200, "shared probe result", "n", "e", "p", "l");
        if (!n.path("t").canConvertToLong()
                || !n.path("ok").isBoolean()
                || !n.path("ms").canConvertToLong()) {
            throw new IllegalArgumentException("a shared probe result without its time, outcome or latency");
        }
        return new Shared(
                n.path("n").asText(),
                new ProbeResult(
                        n.path("e").asText(),
                        n.path("p").asText(),
                        n.path("l").asText(),
                        Instant.ofEpochMilli(n.path("t").asLong()),
                        n.path("ok").asBoolean(),
                        n.path("ms").asLong(),
                        n.path("d").isTextual() ? n.path("d").asText() : null));
    }

    @Override
    public void close() {
        log.close();
    }
}
