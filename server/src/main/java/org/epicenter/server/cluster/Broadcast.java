package org.epicenter.server.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic every node writes to and every node reads whole, without a consumer group (each node
 * wants every record): the probe results and the status feeds' polls. A node reads either from the
 * topic's end as it stood when the node started (what came before is in the store) or from the
 * beginning (a compacted topic that holds the latest state per key).
 */
final class Broadcast implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);

    private final String topic;
    private final String purpose;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> endAtStart;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /**
     * Connects and fixes the place to read from now: the end ({@code fromStart} false), or the
     * beginning, with the end as it stands now kept for {@link #catchUp}.
     *
     * @param purpose  what the records are, for logs ("probe result")
     * @param maxBytes the largest record this node publishes
     */
    Broadcast(ClusterSettings settings, String topic, String purpose, String node, boolean fromStart, int maxBytes) {
        this.topic = topic;
        this.purpose = purpose;
        var p = settings.client();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxBytes + 4096);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ClusterSettings.SEND_BLOCK.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "epicenter-" + topic + "-" + node);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        var c = settings.client();
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "epicenter-" + topic + "-follower-" + node);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromStart ? "earliest" : "latest");
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
        this.endAtStart = consumer.endOffsets(partitions, Duration.ofSeconds(15));
        if (fromStart) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(15))); // fixes the place now
    }

    /** A record's JSON object of version 1, or an IllegalArgumentException naming {@code what} it is not. */
    static com.fasterxml.jackson.databind.JsonNode readVersion1(
            com.fasterxml.jackson.databind.ObjectMapper json, byte[] value, int maxBytes, String what) {
        if (value == null || value.length == 0 || value.length > maxBytes) {
            throw new IllegalArgumentException("not a " + what);
        }
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (n == null || !n.isObject() || n.path("v").asInt() != 1) {
            throw new IllegalArgumentException("not a " + what + " of version 1");
        }
        return n;
    }

    /** Each of {@code fields} is a string of 1 to {@code max} characters, or an IllegalArgumentException says which is not. */
    static void requireText(com.fasterxml.jackson.databind.JsonNode n, int max, String what, String... fields) {
        for (String f : fields) {
            if (!n.path(f).isTextual()
                    || n.path(f).asText().isEmpty()
                    || n.path(f).asText().length() > max) {
                throw new IllegalArgumentException("a " + what + " without a valid \"" + f + "\"");
            }
        }
    }

    /** Publishes one record; a failure is logged (the publisher keeps its own copy: only peers miss it). */
    void publish(String key, byte[] value) {
        publish(key, value, () -> {});
    }

    /** The same, running {@code delivered} once Kafka has the record (on the producer's thread). */
    void publish(String key, byte[] value, Runnable delivered) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (meta, failure) -> {
                if (failure != null) {
                    LOG.warn("a {} could not be shared with the other nodes: {}", purpose, failure.toString());
                } else {
                    delivered.run();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("a {} could not be shared with the other nodes: {}", purpose, e.toString());
        }
    }

    /**
     * Reads, before {@link #follow}, every record up to the end the topic had when this node
     * connected, handing each to {@code each} as it comes (gives up after {@code limit}).
     */
    void catchUp(Duration limit, Consumer<ConsumerRecord<String, byte[]>> each) {
        long until = System.nanoTime() + limit.toNanos();
        while (endAtStart.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > until) {
                LOG.warn("stopped catching up on {} after {}; following from here", topic, limit);
                break;
            }
            try {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            } catch (RuntimeException e) {
                LOG.warn("could not read {} (retrying): {}", topic, e.toString());
            }
        }
    }

    /** Starts handing every record read from here on to {@code sink}, batch by batch, on a thread of its own. */
    void follow(Consumer<List<ConsumerRecord<String, byte[]>>> sink) {
        running.set(true);
        thread = Thread.ofPlatform().name(topic + "-follower").daemon().start(() -> {
            try {
                while (running.get()) {
                    var batch = new ArrayList<ConsumerRecord<String, byte[]>>();
                    try {
                        consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                    } catch (WakeupException e) {
                        break;
                    } catch (RuntimeException e) {
                        LOG.warn("could not read {} (retrying): {}", topic, e.toString());
                        Thread.sleep(1_000);
                        continue;
                    }
                    if (!batch.isEmpty()) {
                        try {
                            sink.accept(batch);
                        } catch (RuntimeException e) {
                            LOG.warn("could not take a batch of {}s from {}: {}", purpose, topic, e.toString());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        });
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
