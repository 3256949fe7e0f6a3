package org.epicenter.server.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feeds.FeedPoller;
import org.epicenter.feeds.FeedSource;
import org.epicenter.server.FeedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Official status feeds in cluster mode: one node polls every page (the node that sends alerts),
 * and publishes each poll here; the other nodes take the polls as if they had made them, so every
 * node's pages and fused incidents carry the same official word, and a status page is asked once
 * per interval, not once per node.
 *
 * <p>The topic is compacted, keyed by record kind and URL: {@code poll:<url>} after every poll (the
 * outcome and error), {@code page:<url>} when the page's content changed (its snapshot, resolved
 * incidents older than the feed history left out). A node starting reads the topic from the
 * beginning and takes the latest of each, so it knows every page's content at once; the official
 * incidents themselves it reads from the store, where the polling node put them.
 */
public final class FeedLog implements FeedService.Sharing, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedLog.class);
    static final int MAX_BYTES = 8 << 20;
    private static final Duration KEEP = Duration.ofDays(30);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a newer node may add a field

    private final String topic;
    private final String node;
    private final Broadcast log;
    /** The latest content of each page heard or published, by URL: what a peer's poll refers to. */
    private final Map<String, FeedSnapshot> pages = new ConcurrentHashMap<>();

    /** Connects, reading from the beginning (the compacted latest state); call {@link #start} once the feeds are set up. */
    public FeedLog(ClusterSettings settings, String node) {
        this.topic = topic(settings);
        this.node = node;
        this.log = new Broadcast(settings, topic, "status feed poll", node, true, MAX_BYTES);
    }

    /** The feed topic beside the report topic. */
    public static String topic(ClusterSettings s) {
        return s.topic() + ".feeds";
    }

    /** Creates the compacted topic unless it exists. */
    public static void ensureTopic(ClusterSettings s) {
        ReportLog.ensureTopic(
                s,
                topic(s),
                1, // a few records a minute: one partition keeps every page's records in order
                Map.of(
                        "cleanup.policy", "compact",
                        "max.message.bytes", String.valueOf(MAX_BYTES + 65536),
                        "segment.ms", String.valueOf(Duration.ofHours(1).toMillis())));
    }

    /**
     * Takes the latest poll of every page published before this node started (so its pages know
     * each feed's content at once), then follows the other nodes' polls.
     */
    public void start(FeedService feeds) {
        var latest = new LinkedHashMap<String, ConsumerRecord<String, byte[]>>();
        log.catchUp(Duration.ofSeconds(30), r -> latest.put(r.key(), r)); // the latest of each key only
        // every page's content first, then the polls that refer to it; a node restarted under a new
        // name takes its own old polls too
        take(latest.values().stream().filter(FeedLog::isPage).toList(), feeds, true);
        take(latest.values().stream().filter(r -> !isPage(r)).toList(), feeds, true);
        log.follow(batch -> take(batch, feeds, false));
    }

    private static boolean isPage(ConsumerRecord<String, byte[]> r) {
        return r.key() != null && r.key().startsWith("page:");
    }

    private void take(List<ConsumerRecord<String, byte[]>> records, FeedService feeds, boolean catchingUp) {
        for (var r : records) {
            Shared s;
            try {
                s = decode(r.value());
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping a record on {}: {}", topic, e.getMessage());
                continue;
            }
            try {
                if (s.page() != null) {
                    pages.put(s.url(), s.page());
                } else if (catchingUp || !node.equals(s.node())) {
                    feeds.fromPeer(s.url(), s.at(), new FeedPoller.Poll(s.outcome(), pages.get(s.url()), s.error()));
                }
            } catch (RuntimeException e) { // one bad record must not stop this node, or the others
                LOG.warn("could not take a record of {} on {}: {}", s.url(), topic, e.toString());
            }
        }
    }

    /** This node polled: tells the others (the page's content first when it is news to them). */
    @Override
    public void polled(FeedSource source, FeedPoller.Poll poll, Instant at) {
        String url = source.url().toString();
        if (poll.outcome() != FeedPoller.Outcome.FAILED && poll.snapshot() != null) {
            FeedSnapshot page = trimmed(poll.snapshot(), at);
            if (!page.equals(pages.get(url))) {
                byte[] value = encode(new Shared(node, url, at, null, null, page));
                if (value.length > MAX_BYTES) {
                    LOG.warn(
                            "{} is {} KB, over the {} KB the other nodes take: they keep its previous content",
                            url,
                            value.length >> 10,
                            MAX_BYTES >> 10);
                } else {
                    // shared once Kafka has it: a send that fails is made again at the next poll
                    log.publish("page:" + url, value, () -> pages.put(url, page));
                }
            }
        }
        log.publish("poll:" + url, encode(new Shared(node, url, at, poll.outcome(), poll.error(), null)));
    }

    /** Without incidents resolved before the feed history starts (Google Cloud lists years of them). */
    static FeedSnapshot trimmed(FeedSnapshot s, Instant at) {
        Instant from = at.minus(KEEP);
        var kept = s.incidents().stream()
                .filter(i -> i.resolved() == null || !i.created().isBefore(from))
                .toList();
        return kept.size() == s.incidents().size() ? s : new FeedSnapshot(s.components(), kept);
    }

    /** One record: a poll (outcome, error) or a page's content (page). */
    record Shared(String node, String url, Instant at, FeedPoller.Outcome outcome, String error, FeedSnapshot page) {}

    static byte[] encode(Shared s) {
        var n = JSON.createObjectNode()
                .put("v", 1)
                .put("n", s.node())
                .put("u", s.url())
                .put("t", s.at().toEpochMilli());
        if (s.page() != null) {
            n.set("page", JSON.valueToTree(s.page()));
        } else {
            n.put("o", s.outcome().name());
            if (s.error() != null) {
                n.put("e", s.error());
            }
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Shared decode(byte[] value) {
        JsonNode n = Broadcast.readVersion1(JSON, value, MAX_BYTES, "shared feed poll");
        Broadcast.requireText(n, 2000, "shared feed poll", "n", "u");
        if (!n.path("t").isIntegralNumber()) {
            throw new IllegalArgumentException("a shared feed poll without its time");
        }
        String node = n.path("n").asText();
        String url = n.path("u").asText();
        Instant at = Instant.ofEpochMilli(n.path("t").asLong());
        if (at.isAfter(Instant.now().plus(Duration.ofDays(1))) || at.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
            throw new IllegalArgumentException("a shared feed poll from an impossible time: " + at);
        }
        if (n.has("page")) {
            try {
                FeedSnapshot page = JSON.treeToValue(n.get("page"), FeedSnapshot.class);
                if (page == null) {
                    throw new IllegalArgumentException("a shared page without content");
                }
                for (var c : page.components()) {
                    if (c == null || c.id() == null || c.name() == null || c.state() == null) {
                        throw new IllegalArgumentException(
                                "a shared page with a component missing its id, name or state");
                    }
                }
                for (var i : page.incidents()) {
                    if (i == null
                            || i.id() == null
                            || i.title() == null
                            || i.state() == null
                            || i.impact() == null
                            || i.created() == null) {
                        throw new IllegalArgumentException(
                                "a shared page with an incident missing its id, title, state, impact or start");
                    }
                }
                return new Shared(node, url, at, null, null, page);
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException("a shared page that does not read as a feed snapshot: " + e, e);
            }
        }
        FeedPoller.Outcome outcome;
        try {
            outcome = FeedPoller.Outcome.valueOf(n.path("o").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a shared feed poll with an unknown outcome \"" + n.path("o") + "\"");
        }
        String error = n.path("e").isTextual() ? n.path("e").asText() : null;
        return new Shared(node, url, at, outcome, error, null);
    }

    @Override
    public void close() {
        log.close();
    }
}
