package org.epicenter.server.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Cluster mode ({@code serve --kafka}): accepted reports go to a Kafka topic keyed by service, and
 * detection nodes read it as one consumer group into the shared PostgreSQL store.
 *
 * @param bootstrap  Kafka's bootstrap servers, host:port[,host:port...]
 * @param topic      the report log's topic, created with {@code partitions} partitions when missing
 * @param partitions partitions of a new topic: the most detection nodes that can share the work
 * @param role       what this node does
 * @param security   Kafka client settings for TLS and SASL ({@code security.protocol}, {@code ssl.*},
 *                   {@code sasl.*}), given to every producer, consumer and admin client of the node
 */
public record ClusterSettings(String bootstrap, String topic, int partitions, Role role, Map<String, String> security) {
    /** How long a report may take to reach Kafka before its sender is told it failed (the producer's delivery timeout). */
    public static final Duration DELIVERY = Duration.ofSeconds(10);

    /** A report stamped more than this before it is handed to Kafka is refused (its sender may retry). */
    public static final Duration STAMP_TO_SEND = Duration.ofSeconds(5);

    /** How long the producer may block in {@code send} when its buffer is full. */
    public static final Duration SEND_BLOCK = Duration.ofSeconds(5);

    /** The clock difference between nodes that detection tolerates (keep them on NTP). */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

    /**
     * A report stamped at t is in Kafka by t plus this, or its sender was told it failed: the most a
     * minute can wait for late reports.
     */
    public static final Duration REPORT_DEADLINE =
            STAMP_TO_SEND.plus(SEND_BLOCK).plus(DELIVERY).plus(CLOCK_SKEW);

    /** The reader group's name: every detection node of one deployment joins it. */
    public static final String GROUP = "epicenter-detect";

    public enum Role {
        /** Everything: takes reports, reads the log, detects, sends alerts, serves pages. */
        ALL,
        /** Takes reports (publishing them to Kafka) and serves pages and the API; reads no log. */
        INGEST,
        /** Reads the log into the store; the node holding partition 0 also sends alerts and notices. */
        DETECT,
        /** Serves pages, the API and the live stream from the shared store; refuses reports. */
        WEB;

        public boolean reads() {
            return this == ALL || this == DETECT;
        }

        public boolean takesReports() {
            return this != WEB;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Role of(String s) {
            for (Role r : values()) {
                if (r.wire().equals(s == null ? "all" : s.strip().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
            throw new IllegalArgumentException("--role must be all, ingest, detect or web; got \"" + s + "\"");
        }
    }

    public ClusterSettings {
        if (bootstrap == null
                || !bootstrap.strip().matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*")) {
            throw new IllegalArgumentException(
                    "--kafka must be host:port[,host:port...] (Kafka's bootstrap servers); got \"" + bootstrap + "\"");
        }
        bootstrap = bootstrap.strip();
        if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException(
                    "the Kafka topic must be letters, digits, '.', '_' or '-'; got \"" + topic + "\"");
        }
        if (partitions < 1 || partitions > 1000) {
            throw new IllegalArgumentException("--kafka-partitions must be 1-1000; got " + partitions);
        }
        if (role == null) {
            role = Role.ALL;
        }
        security = security == null ? Map.of() : Map.copyOf(security);
        for (String key : security.keySet()) {
            if (!key.equals("security.protocol") && !key.startsWith("ssl.") && !key.startsWith("sasl.")) {
                throw new IllegalArgumentException("--kafka-config may set only security.protocol, ssl.* and sasl.*"
                        + " (the rest is Epicenter's to choose: acks, idempotence, timeouts); got \"" + key + "\"");
            }
        }
    }

    /** Without TLS or SASL settings. */
    public ClusterSettings(String bootstrap, String topic, int partitions, Role role) {
        this(bootstrap, topic, partitions, role, Map.of());
    }

    /** The same with the topic's actual partition count (an existing topic keeps its own). */
    public ClusterSettings withPartitions(int actual) {
        return new ClusterSettings(bootstrap, topic, actual, role, security);
    }

    /** A Kafka client's starting properties: the bootstrap servers and the security settings. */
    public Properties client() {
        var p = new Properties();
        p.putAll(security);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /**
     * Reads {@code --kafka-config}: a Java properties file of TLS and SASL settings (for example
     * {@code security.protocol=SASL_SSL}, {@code sasl.mechanism=SCRAM-SHA-512}, {@code sasl.jaas.config=...}).
     */
    public static Map<String, String> readSecurity(Path file) {
        if (file == null) {
            return Map.of();
        }
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--kafka-config: " + file + ": file not found");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-config: " + file + ": cannot read: " + e.getMessage());
        }
        var out = new TreeMap<String, String>();
        p.stringPropertyNames().forEach(k -> out.put(k.strip(), p.getProperty(k).strip()));
        return out;
    }

    /** The settings as logs may show them: secrets (passwords, JAAS lines, keys) masked. */
    @Override
    public String toString() {
        var shown = new TreeMap<String, String>();
        security.forEach((k, v) -> shown.put(
                k,
                k.contains("password") || k.contains("jaas") || k.contains(".key") || k.contains("secret")
                        ? "***"
                        : v));
        return "ClusterSettings[bootstrap=" + bootstrap + ", topic=" + topic + ", partitions=" + partitions + ", role="
                + role.wire() + ", security=" + shown + "]";
    }

    /** The store's name for a partition's checkpoint. */
    public String partitionName(int partition) {
        return topic + "-" + partition;
    }
}
