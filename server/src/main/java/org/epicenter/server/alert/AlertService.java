package org.epicenter.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.epicenter.alert.Alert;
import org.epicenter.alert.AlertPlanner;
import org.epicenter.alert.Silence;
import org.epicenter.alert.Subscription;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.detect.IncidentRules;
import org.epicenter.server.IncidentBook;
import org.epicenter.server.Metrics;
import org.epicenter.store.AlertStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts, live. Every tick turns the incident book (causes and lone incidents) into
 * {@link Alert}s, asks the {@link AlertPlanner} what is due, and writes it to the durable outbox
 * <em>before</em> anything is sent. A dispatcher sends what is due, each notification on its own
 * virtual thread, so a receiver that never answers holds up only itself. A failure that may pass
 * is tried again with backoff (10 s doubling to 10 min); after {@link #MAX_ATTEMPTS} tries or a
 * day, the notification is given up and recorded as failed.
 *
 * <p>Delivery is at least once: a server killed between a receiver's answer and the outbox update
 * sends that one notification again after the restart, with the same {@code Idempotency-Key}
 * (webhook) or {@code Message-ID} (email), so a receiver that keeps keys sees it once.
 */
public final class AlertService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    static final int MAX_ATTEMPTS = 10;
    static final Duration GIVE_UP = Duration.ofDays(1);
    static final Duration LEDGER = Duration.ofDays(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HHMM =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final AlertStore store;
    private final IncidentBook book;
    private final java.util.function.Supplier<Catalog> catalog;
    private final Clock clock;
    private final AlertPlanner planner;
    private final Map<String, Channel> channels;
    private final String baseUrl;
    private final Metrics metrics;
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("alert-", 0).factory());
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /**
     * Notifications the receiver took whose "sent" could not be written (a full disk): never sent
     * again while this process lives; the write is retried on every dispatch. Found by
     * bench/fault-run.sh: before, each dispatch during a full disk sent the same alert again.
     */
    private final Map<String, Delivered> deliveredUnrecorded = new ConcurrentHashMap<>();

    private record Delivered(int attempts, Instant at) {}

    private final Thread dispatcher;
    private volatile boolean closed;

    // the ledger: what the outbox holds, in memory (loaded at start-up, then kept in step with every enqueue)
    private final Set<String> keys = new HashSet<>();
    private final Map<String, Instant> last = new HashMap<>();
    private final Map<String, Integer> lastSize = new HashMap<>();
    private final Map<String, Boolean> groupOpen = new HashMap<>(); // subscription|group -> fired and not yet resolved
    private final Map<String, String> lastPayload =
            new HashMap<>(); // group -> the last payload told (to close what vanished)

    public AlertService(
            AlertStore store,
            IncidentBook book,
            java.util.function.Supplier<Catalog> catalog,
            Clock clock,
            AlertPlanner.Settings settings,
            Map<String, Channel> channels,
            String baseUrl,
            Metrics metrics) {
        this.store = store;
        this.book = book;
        this.catalog = catalog;
        this.clock = clock;
        this.planner = new AlertPlanner(settings);
        this.channels = Map.copyOf(channels);
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        this.metrics = metrics;
        for (AlertStore.Entry e : store.entriesSince(clock.instant().minus(LEDGER))) {
            remember(e);
        }
        metrics.gauge("epicenter.alerts.pending", "Notifications queued and not yet sent", this::pendingCount);
        dispatcher =
                Thread.ofPlatform().name("epicenter-alert-dispatcher").daemon().start(this::dispatchLoop);
    }

    private synchronized void remember(AlertStore.Entry e) {
        keys.add(e.key());
        String sg = e.subscription() + "|" + e.group();
        last.merge(sg, e.created(), (a, b) -> a.isAfter(b) ? a : b);
        lastSize.put(sg, e.size());
        if (e.kind().equals("firing") && e.key().endsWith("|firing")) {
            groupOpen.put(sg, true);
            lastPayload.put(e.group(), e.payload());
        } else if (e.kind().equals("resolved")) {
            groupOpen.put(sg, false);
        }
    }

    private long pendingCount() {
        return store.due(Instant.ofEpochMilli(Long.MAX_VALUE / 2), 10_000).size();
    }

    private final AlertPlanner.Ledger ledger = new AlertPlanner.Ledger() {
        @Override
        public boolean has(String key) {
            synchronized (AlertService.this) {
                return keys.contains(key);
            }
        }

        @Override
        public Instant last(String subscription, String group) {
            synchronized (AlertService.this) {
                return last.get(subscription + "|" + group);
            }
        }

        @Override
        public int lastSize(String subscription, String group) {
            synchronized (AlertService.this) {
                return lastSize.getOrDefault(subscription + "|" + group, 0);
            }
        }
    };

    /** How long one attempt holds its entry: the channels' 10 s deadline and a margin (a resend after a crash waits for it). */
    static final Duration LEASE = Duration.ofSeconds(30);

    private volatile java.util.function.BooleanSupplier active = () -> true;
    private volatile boolean wasActive = true;

    /**
     * In cluster mode, only the node holding the report log's partition 0 plans and sends alerts: the
     * others stand by, and the one that takes over first reads what its predecessor queued.
     */
    public void activeWhen(java.util.function.BooleanSupplier condition) {
        this.active = condition;
        this.wasActive = false;
    }

    /** Reads the outbox's recent entries again: what another node queued while this one stood by. */
    private void reloadLedger(Instant now) {
        for (AlertStore.Entry e : store.entriesSince(now.minus(LEDGER))) {
            remember(e);
        }
    }

    /** Plans what is due now and writes it to the outbox. */
    public void tick(Instant now) {
        if (!active.getAsBoolean()) {
            wasActive = false;
            return;
        }
        if (!wasActive) {
            reloadLedger(now);
            wasActive = true;
        }
        List<Subscription> subscriptions = store.subscriptions();
        if (subscriptions.isEmpty()) {
            return;
        }
        List<Silence> silences = store.silences();
        List<Alert> current =
                new ArrayList<>(alerts().stream().map(a -> heldOpen(a, now)).toList());
        current.addAll(AlertPlanner.vanished(current, toldAndOpen(), now));
        List<AlertPlanner.Notification> due = planner.plan(now, subscriptions, current, silences, ledger);
        if (due.isEmpty()) {
            return;
        }
        var entries = new ArrayList<AlertStore.Entry>();
        for (AlertPlanner.Notification n : due) {
            ObjectNode payload = payload(n, now);
            entries.add(new AlertStore.Entry(
                    n.key(),
                    n.subscription(),
                    n.group(),
                    n.kind(),
                    n.suppressed() == null ? "pending" : "suppressed",
                    n.alert().services().size(),
                    payload.toString(),
                    0,
                    now,
                    n.suppressed(),
                    now,
                    null));
        }
        store.enqueue(entries); // durable before anything is sent
        entries.forEach(this::remember);
        for (AlertStore.Entry e : entries) {
            metrics.alert(e.kind(), e.state());
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * An incident may reopen for {@link IncidentRules#reopenWithin} minutes after it ends (an outage
     * that flaps), so its resolution is told only then: a subscriber should not read "resolved" and
     * then the same outage again. The pages say "resolved" at once.
     */
    static Alert heldOpen(Alert a, Instant now) {
        if (a.end() == null || !now.isBefore(a.end().plus(RESOLVE_HOLD))) {
            return a;
        }
        return new Alert(
                a.group(),
                a.provider(),
                a.services(),
                a.categories(),
                a.countries(),
                a.start(),
                a.confirmed(),
                null,
                a.title(),
                a.text(),
                a.confidence(),
                a.maintenance(),
                a.inhibitedBy());
    }

    static final Duration RESOLVE_HOLD =
            Duration.ofMinutes(IncidentRules.defaults().reopenWithin());

    /** Causes, then incidents: a lone incident alone, a cause's victim inhibited by its cause. */
    List<Alert> alerts() {
        Catalog c = catalog.get();
        var out = new ArrayList<Alert>();
        var causeGroups = new ArrayList<Map.Entry<IncidentBook.CauseView, String>>();
        for (IncidentBook.CauseView v : book.causes()) {
            var cause = v.cause();
            String group =
                    canonical("cause:" + cause.provider() + "@" + cause.start(), cause.provider(), cause.start());
            causeGroups.add(Map.entry(v, group));
            var services = new ArrayList<>(cause.dependents());
            if (cause.ownTrouble() && !services.contains(cause.provider())) {
                services.add(0, cause.provider());
            }
            String name = nameOf(c, cause.provider());
            out.add(new Alert(
                    group,
                    cause.provider(),
                    services,
                    categories(c, services),
                    cause.countries(),
                    cause.start(),
                    cause.start(),
                    cause.end(),
                    name + " is the likely epicenter: " + cause.dependents().size()
                            + " services that depend on it are failing",
                    cause.explanation(),
                    cause.confidence(),
                    false,
                    null));
        }
        for (IncidentBook.View v : book.all()) {
            DetectedIncident i = v.incident();
            if (i.confirmed() == null) {
                continue;
            }
            String inhibitedBy = null;
            if (v.epicenter() != null) {
                inhibitedBy = causeGroups.stream()
                        .filter(e -> e.getKey()
                                        .cause()
                                        .provider()
                                        .equals(v.epicenter().provider())
                                && !i.start()
                                        .isBefore(e.getKey().cause().start().minus(Duration.ofHours(1)))
                                && (e.getKey().cause().end() == null
                                        || !i.start().isAfter(e.getKey().cause().end())))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse("cause:" + v.epicenter().provider());
            }
            String name = nameOf(c, i.service());
            String title = v.signals().equals(List.of("official"))
                    ? name + ": officially reported outage since " + HHMM.format(i.start()) + " UTC"
                    : v.signals().equals(List.of("probes"))
                            ? name + ": unreachable by our probes since " + HHMM.format(i.start()) + " UTC"
                            : name + ": user reports indicate problems since " + HHMM.format(i.start()) + " UTC";
            out.add(new Alert(
                    "incident:" + i.service() + "@" + i.start(),
                    null,
                    List.of(i.service()),
                    categories(c, List.of(i.service())),
                    i.countries(),
                    i.start(),
                    i.confirmed(),
                    i.end(),
                    title,
                    i.evidence(),
                    0,
                    v.duringMaintenance(),
                    inhibitedBy));
        }
        return out;
    }

    /** The last alert told of every group still open for some subscription, rebuilt from its payload. */
    private synchronized Map<String, Alert> toldAndOpen() {
        var out = new HashMap<String, Alert>();
        for (var e : groupOpen.entrySet()) {
            if (!e.getValue()) {
                continue;
            }
            String group = e.getKey().substring(e.getKey().indexOf('|') + 1);
            String payload = lastPayload.get(group);
            if (payload == null || out.containsKey(group)) {
                continue;
            }
            try {
                JsonNode p = JSON.readTree(payload);
                var services = new ArrayList<String>();
                p.path("services").forEach(n -> services.add(n.asText()));
                var countries = new ArrayList<String>();
                p.path("countries").forEach(n -> countries.add(n.asText()));
                var categories = new ArrayList<String>();
                p.path("categories").forEach(n -> categories.add(n.asText()));
                Instant start = Instant.parse(p.path("start").asText());
                out.put(
                        group,
                        new Alert(
                                group,
                                p.path("provider").isMissingNode()
                                        ? null
                                        : p.path("provider").asText(),
                                services,
                                categories,
                                countries,
                                start,
                                start,
                                null,
                                p.path("title").asText(),
                                p.path("text").asText(),
                                p.path("confidence").asDouble(0),
                                false,
                                null));
            } catch (Exception ex) {
                LOG.warn("cannot read the last payload of {}: {}", group, ex.toString());
            }
        }
        return out;
    }

    /**
     * A cause's group stays the one first told: its start moves earlier when a back-dated incident
     * joins, and that must not make it a new alert. An open group of the same provider that
     * overlaps in time is the same cause.
     */
    private synchronized String canonical(String group, String provider, Instant start) {
        String prefix = "cause:" + provider + "@";
        for (var e : groupOpen.entrySet()) {
            String sg = e.getKey();
            String g = sg.substring(sg.indexOf('|') + 1);
            if (e.getValue() && g.startsWith(prefix) && !g.equals(group)) {
                Instant told = Instant.parse(g.substring(prefix.length()));
                if (Duration.between(start, told).abs().compareTo(Duration.ofHours(6)) < 0) {
                    return g;
                }
            }
        }
        return group;
    }

    private static String nameOf(Catalog c, String id) {
        return c.find(id).map(e -> e.name().en()).orElse(id);
    }

    private static List<String> categories(Catalog c, List<String> services) {
        return services.stream()
                .map(s -> c.find(s)
                        .map(CatalogEntry::category)
                        .map(x -> x.wireName())
                        .orElse(null))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
    }

    private ObjectNode payload(AlertPlanner.Notification n, Instant now) {
        Alert a = n.alert();
        ObjectNode o = JSON.createObjectNode();
        o.put("version", 1);
        o.put("id", n.key());
        o.put("kind", n.kind());
        o.put("subject", a.provider() == null ? "incident" : "cause");
        o.put("group", a.group());
        o.put("subscription", n.subscription());
        o.put("title", a.title());
        o.put("text", a.text());
        if (a.provider() != null) {
            o.put("provider", a.provider());
            o.put("confidence", a.confidence());
        }
        a.services().forEach(o.putArray("services")::add);
        a.countries().forEach(o.putArray("countries")::add);
        a.categories().forEach(o.putArray("categories")::add);
        o.put("start", a.start().toString());
        o.put("end", a.end() == null ? null : a.end().toString());
        String service = a.provider() != null ? a.provider() : a.services().get(0);
        o.put("url", baseUrl + (a.provider() != null ? "/s/" + service : "/i/" + service + "/" + a.start()));
        o.put("queuedAt", now.toString());
        return o;
    }

    private void dispatchLoop() {
        while (!closed) {
            try {
                synchronized (this) {
                    wait(1_000); // first: the wiring says (activeWhen) whether this node sends at all
                }
                dispatchDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("alert dispatch failed; will retry", e);
            }
        }
    }

    /** Sends every notification due now, each on its own virtual thread. */
    public synchronized void dispatchDue() {
        if (!active.getAsBoolean() || !wasActive) {
            return; // a standby node sends nothing; a new leader sends once it has read the ledger
        }
        for (var d : deliveredUnrecorded.entrySet()) {
            try {
                store.attempted(
                        d.getKey(),
                        "sent",
                        d.getValue().attempts(),
                        d.getValue().at(),
                        null,
                        d.getValue().at());
                deliveredUnrecorded.remove(d.getKey());
            } catch (RuntimeException e) {
                return; // the store still refuses writes: sending now could only send again what was delivered
            }
        }
        Map<String, Subscription> subs = new HashMap<>();
        store.subscriptions().forEach(s -> subs.put(s.id(), s));
        for (AlertStore.Entry e : store.due(clock.instant(), 500)) {
            if (deliveredUnrecorded.containsKey(e.key()) || !inFlight.add(e.key())) {
                continue;
            }
            senders.execute(() -> {
                try {
                    attempt(e, subs.get(e.subscription()));
                } finally {
                    inFlight.remove(e.key());
                }
            });
        }
    }

    private void attempt(AlertStore.Entry listed, Subscription to) {
        // the list may be older than another sender's answer: send only what is still pending, as it is now
        AlertStore.Entry e = store.entry(listed.key()).orElse(null);
        if (e == null || !e.state().equals("pending") || e.attempts() != listed.attempts()) {
            return;
        }
        Instant now = clock.instant();
        // one sender of all nodes: the others find the entry taken (a dead sender's lease runs out)
        if (!store.claim(e.key(), e.attempts(), e.nextAttempt(), now.plus(LEASE))) {
            return;
        }
        if (to == null) {
            store.attempted(e.key(), "failed", e.attempts(), now, "the subscription was deleted", null);
            return;
        }
        Channel channel = channels.get(to.channel());
        Channel.Outcome outcome;
        try {
            JsonNode payload = JSON.readTree(e.payload());
            outcome = channel == null
                    ? Channel.Outcome.refused("no " + to.channel() + " channel is configured")
                    : channel.send(to, e.key(), payload, e.payload().getBytes(StandardCharsets.UTF_8));
        } catch (Exception ex) {
            outcome = Channel.Outcome.retry(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        int attempts = e.attempts() + 1;
        Instant after = clock.instant();
        if (outcome.ok()) {
            try {
                store.attempted(e.key(), "sent", attempts, after, null, after);
            } catch (RuntimeException ex) {
                deliveredUnrecorded.put(e.key(), new Delivered(attempts, after));
                LOG.warn(
                        "alert {} was delivered but could not be recorded ({}); it will not be sent again",
                        e.key(),
                        ex.getMessage());
            }
            metrics.alert(e.kind(), "sent");
        } else if (outcome.retryable()
                && attempts < MAX_ATTEMPTS
                && after.isBefore(e.created().plus(GIVE_UP))) {
            Duration wait = Duration.ofSeconds(10L << Math.min(attempts - 1, 6));
            if (wait.compareTo(Duration.ofMinutes(10)) > 0) {
                wait = Duration.ofMinutes(10);
            }
            store.attempted(e.key(), "pending", attempts, after.plus(wait), outcome.error(), null);
            metrics.alert(e.kind(), "retried");
        } else {
            store.attempted(e.key(), "failed", attempts, after, outcome.error(), null);
            metrics.alert(e.kind(), "failed");
            LOG.warn("alert {} to {} given up after {} attempts: {}", e.key(), to.id(), attempts, outcome.error());
        }
    }

    /** The outbox of the last {@code hours}, newest first (the alert log). */
    public List<AlertStore.Entry> log(Duration span) {
        var all = new ArrayList<>(store.entriesSince(clock.instant().minus(span)));
        java.util.Collections.reverse(all);
        return all;
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        senders.shutdownNow();
        try { // a sender that has its answer records it before the store closes
            dispatcher.join(5_000);
            senders.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
