package org.epicenter.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.epicenter.ingest.DedupWindow;
import org.epicenter.ingest.LiveCounts;
import org.epicenter.model.Report;
import org.epicenter.server.ReportTransport;
import org.epicenter.store.ReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the report log into the store, as one member of the detection nodes' consumer group: Kafka
 * gives each member some partitions, so each service's reports are decided (the dedup rule) and
 * stored by one node at a time. Offsets live in the store, not in Kafka: each batch and its
 * partition's checkpoint are written in one transaction ({@link ReportStore#appendFromLog}), so a
 * node killed at any moment loses nothing and its successor stores nothing twice; a node that lost
 * its partitions without knowing (a long pause) is refused by the checkpoint and stands down.
 *
 * <p>After each poll that leaves a partition with nothing unread, its checkpoint records the time:
 * the minimum over all partitions is the detection horizon ({@link DetectionHorizon}).
 */
public final class ReportLogReader implements ReportTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ReportLogReader.class);
    /** Margin on "fetched at or after the previous poll began", for the broker's own fetch wait. */
    static final Duration FETCH_STALENESS = Duration.ofMillis(1_000);

    private final ClusterSettings settings;
    private final ReportStore store;
    private final Duration dedupWindow;
    private final LiveCounts live;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<TopicPartition, Long> next = new HashMap<>(); // reader thread only
    private final Map<TopicPartition, Instant> lastMark = new HashMap<>();
    private DedupWindow dedup;
    private Instant pruned = Instant.EPOCH;
    private Instant latest; // the latest report time this reader has decided
    private volatile boolean stale = true;
    private volatile boolean healthy = true;
    private Thread thread;
    private volatile long stored;
    private volatile long undecodable;

    public ReportLogReader(
            ClusterSettings settings,
            ReportStore store,
            Duration dedupWindow,
            LiveCounts live,
            Clock clock,
            String nodeId) {
        this.settings = settings;
        this.store = store;
        this.dedupWindow = dedupWindow;
        this.live = live;
        this.clock = clock;
        var p = settings.client();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, ClusterSettings.GROUP);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "epicenter-detect-" + nodeId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public String name() {
        return "kafka";
    }

    /** True while this node holds partition 0: the one node that sends alerts and notices. */
    public boolean leader() {
        return leader.get();
    }

    /** Reports this node has stored from the log since it started. */
    public long stored() {
        return stored;
    }

    @Override
    public void start() {
        running.set(true);
        thread = Thread.ofPlatform().name("report-log-reader").daemon().start(this::run);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    forget(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    stale = true; // taken up at the top of the loop, where a failing store is retried
                }
            });
            Instant previousPoll = clock.instant();
            while (running.get()) {
                // A store that fails (PostgreSQL restarting) is retried until it answers: the reader never gives up.
                if (stale) {
                    try {
                        resume(consumer.assignment());
                        stale = false;
                    } catch (RuntimeException e) {
                        failing("could not read the checkpoints", e);
                        sleep(Duration.ofSeconds(1));
                        continue;
                    }
                }
                Instant polledAt = clock.instant();
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    failing("could not read the log", e);
                    sleep(Duration.ofSeconds(1));
                    continue;
                }
                if (stale) {
                    continue; // new partitions: resume before storing anything
                }
                try {
                    // What a poll returns was fetched at or after the previous poll began, never earlier.
                    storeBatch(records, previousPoll.minus(FETCH_STALENESS));
                    healthy = true;
                } catch (ReportStore.StaleCheckpoint e) {
                    LOG.warn("{}; reading this node's partitions again from the store's checkpoints", e.getMessage());
                    stale = true;
                } catch (RuntimeException e) {
                    failing("could not store reports from the log (retrying from the checkpoints)", e);
                    stale = true;
                    sleep(Duration.ofSeconds(1));
                }
                previousPoll = polledAt;
                if (dedup != null && Duration.between(pruned, polledAt).toMinutes() >= 1 && latest != null) {
                    dedup.prune(latest); // by report time, not the clock: a backlog keeps its window
                    pruned = polledAt;
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the report log reader stopped", e);
            healthy = false;
        } finally {
            leader.set(false);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void failing(String what, RuntimeException e) {
        if (healthy) {
            LOG.warn("{}: {}", what, e.toString());
        }
        healthy = false;
    }

    /** False while the last attempt to read the log or write the store failed. */
    public boolean healthy() {
        return healthy;
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            next.remove(tp);
            lastMark.remove(tp);
        });
        leader.set(next.keySet().stream().anyMatch(tp -> tp.partition() == 0));
    }

    /**
     * Takes up partitions at their stored checkpoints, and rebuilds the dedup window from the stored
     * counted reports (exactly the state those checkpoints leave).
     */
    private void resume(Collection<TopicPartition> partitions) {
        var checkpoints = store.checkpoints();
        for (TopicPartition tp : partitions) {
            var cp = checkpoints.get(settings.partitionName(tp.partition()));
            long at = cp == null ? 0 : cp.next();
            consumer.seek(tp, at);
            next.put(tp, at);
            lastMark.remove(tp);
        }
        // Unread reports were stamped after the earliest caught-up time of these partitions, less the
        // report deadline; the window before them is what decides whether they count.
        Instant from = clock.instant();
        for (TopicPartition tp : partitions) {
            var cp = checkpoints.get(settings.partitionName(tp.partition()));
            if (cp != null && cp.caughtUp() != null && cp.caughtUp().isBefore(from)) {
                from = cp.caughtUp();
            }
        }
        var window = new DedupWindow(dedupWindow);
        for (Report r :
                store.countedSince(from.minus(ClusterSettings.REPORT_DEADLINE).minus(dedupWindow))) {
            window.remember(r);
        }
        dedup = window;
        leader.set(consumer.assignment().stream().anyMatch(tp -> tp.partition() == 0));
        LOG.info("reading report log partitions {} (leader: {})", partitions, leader.get());
    }

    private void storeBatch(ConsumerRecords<String, byte[]> records, Instant caughtUp) {
        Instant polledAt = clock.instant();
        for (TopicPartition tp : consumer.assignment()) {
            Long from = next.get(tp);
            if (from == null) {
                continue;
            }
            List<ConsumerRecord<String, byte[]>> batch = records.records(tp);
            boolean drained = consumer.currentLag(tp).orElse(-1) == 0;
            if (batch.isEmpty()) {
                Instant marked = lastMark.get(tp);
                if (drained
                        && (marked == null || Duration.between(marked, polledAt).toMillis() >= 1_000)) {
                    store.appendFromLog(List.of(), settings.partitionName(tp.partition()), from, from, caughtUp);
                    lastMark.put(tp, polledAt);
                }
                continue;
            }
            var reports = new ArrayList<Report>(batch.size());
            for (var record : batch) {
                ReportLog.Logged logged;
                try {
                    logged = ReportLog.decode(record.value());
                    if (!logged.report().service().equals(record.key())) {
                        throw new IllegalArgumentException("its key is not its service");
                    }
                } catch (IllegalArgumentException e) {
                    undecodable++;
                    LOG.warn("skipping offset {} of {}: {}", record.offset(), tp, e.getMessage());
                    continue;
                }
                Report r = logged.report();
                if (latest == null || r.receivedAt().isAfter(latest)) {
                    latest = r.receivedAt();
                }
                boolean counted = dedup.claim(r.service(), logged.reporterIds(), r.receivedAt());
                reports.add(new Report(r.receivedAt(), r.service(), r.problem(), r.country(), r.reporter(), counted));
            }
            long to = batch.get(batch.size() - 1).offset() + 1;
            store.appendFromLog(reports, settings.partitionName(tp.partition()), from, to, drained ? caughtUp : null);
            next.put(tp, to);
            if (drained) {
                lastMark.put(tp, polledAt);
            }
            stored += reports.size();
            for (Report r : reports) {
                if (r.counted()) {
                    live.add(r.service(), r.minute(), 1);
                }
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
