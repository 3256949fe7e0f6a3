package org.epicenter.server.cluster;

import java.time.Duration;
import java.util.Locale;

/**
 * Cluster mode ({@code serve --kafka}): accepted reports go to a Kafka topic keyed by service, and
 * detection nodes read it as one consumer group into the shared PostgreSQL store.
 *
 * @param bootstrap  Kafka's bootstrap servers, host:port[,host:port...]
 * @param topic      the report log's topic, created with {@code partitions} partitions when missing
 * @param partitions partitions of a new topic: the most detection nodes that can share the work
 * @param role       what this node does
 */
public record ClusterSettings(String bootstrap, String topic, int partitions, Role role) {
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
    }

    /** The same with the topic's actual partition count (an existing topic keeps its own). */
    public ClusterSettings withPartitions(int actual) {
        return new ClusterSettings(bootstrap, topic, actual, role);
    }

    /** The store's name for a partition's checkpoint. */
    public String partitionName(int partition) {
        return topic + "-" + partition;
    }
}
