package org.epicenter.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.epicenter.ingest.ReportSink;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;

/**
 * The report log on Kafka, as the ingest path's sink: each accepted report is published to the
 * topic keyed by its service (so one partition, and one reader, holds all of a service's reports)
 * by an idempotent producer with {@code acks=all}; the sink's future, and so the HTTP 201, completes
 * only when Kafka has the report. Whether it counts is decided by the reader (the dedup window of
 * the node that owns the service's partition); the ingest node's answer is its own best guess.
 */
public final class ReportLog implements ReportSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final java.time.Clock clock;

    public ReportLog(ClusterSettings settings, java.time.Clock clock) {
        this.settings = settings;
        this.clock = clock;
        var p = settings.client();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ClusterSettings.DELIVERY.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ClusterSettings.SEND_BLOCK.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "epicenter-ingest");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Creates the topic with the configured partitions unless it exists (replicated on up to 3
     * brokers), and returns its partition count; fails with a plain message when Kafka cannot be reached.
     */
    public static int ensureTopic(ClusterSettings s) {
        return ensureTopic(s, s.topic());
    }

    /** The same for another of the cluster's topics (the probe results'). */
    public static int ensureTopic(ClusterSettings s, String topic) {
        return ensureTopic(s, topic, s.partitions(), Map.of());
    }

    /** The same with its own partition count and topic settings (besides {@code min.insync.replicas}). */
    public static int ensureTopic(ClusterSettings s, String topic, int partitions, Map<String, String> configs) {
        var p = s.client();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(p)) {
            int brokers =
                    admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).size();
            short replicas = (short) Math.max(1, Math.min(3, brokers));
            try {
                var settings = new java.util.HashMap<>(configs);
                settings.put("min.insync.replicas", String.valueOf(Math.max(1, replicas - 1)));
                admin.createTopics(List.of(new NewTopic(topic, partitions, replicas).configs(settings)))
                        .all()
                        .get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // a topic just created may not be known to the broker answering yet: ask again for a while
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    return admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(15, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions()
                            .size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                            || System.nanoTime() > until) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while preparing the Kafka topic " + topic, e);
        } catch (Exception e) {
            throw new KafkaUnavailable(
                    "cannot prepare the Kafka topic " + topic + " at " + s.bootstrap() + ": " + e, e);
        }
    }

    /** Kafka could not be reached or the topic could not be made. */
    public static final class KafkaUnavailable extends IllegalStateException {
        KafkaUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public CompletableFuture<Void> append(Report report) {
        return append(report, List.of());
    }

    @Override
    public CompletableFuture<Void> append(Report report, List<String> olderReporterIds) {
        var done = new CompletableFuture<Void>();
        if (java.time.Duration.between(report.receivedAt(), clock.instant()).compareTo(ClusterSettings.STAMP_TO_SEND)
                > 0) {
            // stamped too long ago (a slow store while hashing): detection may have closed its minute
            done.completeExceptionally(new IllegalStateException("the report took too long to reach the log"));
            return done;
        }
        byte[] value = encode(report, olderReporterIds);
        try {
            producer.send(new ProducerRecord<>(settings.topic(), report.service(), value), (meta, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) { // buffer full past max.block.ms, or closed
            done.completeExceptionally(e);
        }
        return done;
    }

    /** A logged report: what the reader needs to decide whether it counts, and to store it. */
    public record Logged(Report report, List<String> reporterIds) {}

    static byte[] encode(Report r, List<String> olderReporterIds) {
        var node = JSON.createObjectNode()
                .put("v", 1)
                .put("t", r.receivedAt().toEpochMilli())
                .put("s", r.service())
                .put("p", r.problem().wireName())
                .put("c", r.country());
        var ids = node.putArray("r");
        ids.add(r.reporter());
        olderReporterIds.forEach(ids::add);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a logged report, or throws {@link IllegalArgumentException} saying what is wrong (the
     * topic is shared infrastructure: anything may be in it).
     */
    static Logged decode(byte[] value) {
        if (value == null || value.length == 0 || value.length > 4096) {
            throw new IllegalArgumentException(
                    "not a logged report: " + (value == null ? "no value" : value.length + " bytes"));
        }
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a logged report: not JSON", e);
        }
        if (n == null || !n.isObject() || n.path("v").asInt() != 1) {
            throw new IllegalArgumentException("not a logged report of version 1");
        }
        String service = text(n, "s");
        if (!service.matches("[a-z0-9]+(?:-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a logged report whose service is not a slug");
        }
        Problem problem = Problem.fromWire(text(n, "p"))
                .orElseThrow(() -> new IllegalArgumentException("a logged report with an unknown problem"));
        String country = text(n, "c");
        if (!org.epicenter.model.Countries.UNKNOWN.equals(country)
                && !org.epicenter.model.Countries.isIsoCode(country)) {
            throw new IllegalArgumentException("a logged report whose country is not an ISO code");
        }
        JsonNode t = n.get("t");
        if (t == null || !t.canConvertToLong()) {
            throw new IllegalArgumentException("a logged report without a time");
        }
        var ids = new ArrayList<String>();
        for (JsonNode id : n.path("r")) {
            if (!id.isTextual() || !id.asText().matches("[0-9a-f]{1,128}")) {
                throw new IllegalArgumentException("a logged report with a bad reporter id");
            }
            ids.add(id.asText());
        }
        if (ids.isEmpty() || ids.size() > 2) {
            throw new IllegalArgumentException("a logged report needs one or two reporter ids");
        }
        return new Logged(
                new Report(Instant.ofEpochMilli(t.asLong()), service, problem, country, ids.get(0), false), ids);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > 200) {
            throw new IllegalArgumentException("a logged report without a valid \"" + field + "\"");
        }
        return v.asText();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10)); // sends what is buffered first
    }
}
