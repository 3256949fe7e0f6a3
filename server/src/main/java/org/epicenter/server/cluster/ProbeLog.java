package org.epicenter.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /**
     * Connects and takes the topic's current end as the place to follow from, so that the results
     * this node then reads from the store and the ones it follows meet without a gap.
     */
    public ProbeLog(ClusterSettings settings, String node) {
        this.topic = topic(settings);
        this.node = node;
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ClusterSettings.SEND_BLOCK.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "epicenter-probes-" + node);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        var c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "epicenter-probes-follower-" + node);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.isEmpty()) { // a topic just created may not be in this client's metadata yet
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("the Kafka topic " + topic + " has no partitions");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the topic " + topic, e);
                }
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(15))); // fixes the place now
    }

    /** The probe topic beside the report topic. */
    public static String topic(ClusterSettings s) {
        return s.topic() + ".probes";
    }

    /** Publishes results this node stored; a failure is logged (the store has them: only peers' boards miss them). */
    public void publish(List<ProbeResult> results) {
        for (ProbeResult r : results) {
            try {
                producer.send(new ProducerRecord<>(topic, r.entry(), encode(node, r)), (meta, failure) -> {
                    if (failure != null) {
                        LOG.warn("a probe result could not be shared with the other nodes: {}", failure.toString());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("a probe result could not be shared with the other nodes: {}", e.toString());
            }
        }
    }

    /** Starts handing other nodes' results to {@code sink}, in the order each partition holds them. */
    public void follow(Consumer<List<ProbeResult>> sink) {
        running.set(true);
        thread = Thread.ofPlatform().name("probe-log-follower").daemon().start(() -> {
            try {
                while (running.get()) {
                    var out = new ArrayList<ProbeResult>();
                    try {
                        for (var record : consumer.poll(Duration.ofMillis(500))) {
                            try {
                                var d = decode(record.value());
                                if (!node.equals(d.node())) {
                                    out.add(d.result());
                                }
                            } catch (IllegalArgumentException e) {
                                LOG.warn("skipping a probe result on {}: {}", topic, e.getMessage());
                            }
                        }
                    } catch (WakeupException e) {
                        break;
                    } catch (RuntimeException e) {
                        LOG.warn("could not read shared probe results (retrying): {}", e.toString());
                        Thread.sleep(1_000);
                        continue;
                    }
                    if (!out.isEmpty()) {
                        sink.accept(out);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                consumer.close(Duration.ofSeconds(5));
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
        if (value == null || value.length == 0 || value.length > 8192) {
            throw new IllegalArgumentException("not a shared probe result");
        }
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (n == null || !n.isObject() || n.path("v").asInt() != 1) {
            throw new IllegalArgumentException("not a shared probe result of version 1");
        }
        for (String f : List.of("n", "e", "p", "l")) {
            if (!n.path(f).isTextual()
                    || n.path(f).asText().isEmpty()
                    || n.path(f).asText().length() > 200) {
                throw new IllegalArgumentException("a shared probe result without a valid \"" + f + "\"");
            }
        }
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
        running.set(false);
        if (thread == null) {
            consumer.close(Duration.ofSeconds(5));
        } else {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
