package org.epicenter.server;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.catalog.FeedSpec;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.feed.Acknowledgement;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialRecord;
import org.epicenter.feed.OfficialState;
import org.epicenter.feed.OfficialView;
import org.epicenter.feeds.FeedPoller;
import org.epicenter.feeds.FeedScheduler;
import org.epicenter.feeds.FeedSource;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.HttpProbe;
import org.epicenter.store.OfficialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Official status feeds, live. Each feed URL of the catalog is polled once however many entries read
 * it; each entry gets its {@link OfficialView}. Official incidents are kept in the store (a page
 * drops them once resolved), so acknowledgement lags and history survive restarts.
 *
 * <p>Announces on the event stream: {@code official.status} when an entry's official state changes,
 * {@code official.unreachable} / {@code official.reachable} for a page that stops or starts
 * answering, {@code incident.acknowledged} when an incident Epicenter found is first acknowledged
 * officially, and {@code incident.opened}, {@code incident.confirmed}, {@code incident.resolved}
 * for official outages (partial or major), which are incidents with the signal {@code official}.
 */
public final class FeedService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedService.class);
    /** Official incidents are kept and shown this long. */
    static final Duration HISTORY = Duration.ofDays(30);

    /**
     * An entry's official word in one line.
     *
     * @param status           operational, maintenance, degraded, partial_outage or major_outage
     * @param since            when the oldest open incident was posted (null while none is open)
     * @param title            the newest open incident's title (null while none is open)
     * @param unreachableSince when one of its pages stopped answering (null while all answer)
     */
    public record OfficialStatus(
            String service, OfficialState status, Instant since, String title, String link, Instant unreachableSince) {}

    /** A feed and the entries that read it, for the feeds list. */
    public record FeedView(
            @com.fasterxml.jackson.annotation.JsonUnwrapped FeedSource.Status status, List<String> entries) {}

    /** An incident's official acknowledgement, as the API shows it. */
    public record Official(Instant acknowledged, long lagSeconds, String title, OfficialState impact, String link) {}

    private final OfficialStore store;
    private final Clock clock;
    private final LiveDetection.Listener events;
    private final Metrics metrics;
    private final FeedScheduler scheduler; // null when feeds are off
    private final FeedPoller poller; // null when feeds are off

    private Map<String, FeedSource> sources = Map.of(); // by URL
    private Map<String, List<Reader>> readers = Map.of(); // by URL
    private volatile Map<String, List<String>> feedsOf = Map.of(); // entry -> URLs
    private final Map<String, OfficialRecord> records = new LinkedHashMap<>();
    /** A copy of {@link #records}, replaced on every change: the incident list reads it on every request, without a lock. */
    private volatile List<OfficialRecord> recordList = List.of();

    private volatile Map<String, OfficialStatus> statuses = Map.of();
    private final Set<String> unreachable = new HashSet<>();
    private final Set<String> acknowledged = new HashSet<>();
    private volatile boolean primed;
    private final Sharing sharing;
    private final java.util.function.BooleanSupplier pollWhen;

    private record Reader(String entry, FeedSpec spec) {}

    public FeedService(
            Catalog catalog,
            OfficialStore store,
            Clock clock,
            ProbeSettings settings,
            LiveDetection.Listener events,
            Metrics metrics) {
        this(catalog, store, clock, settings, events, metrics, () -> true, null);
    }

    /**
     * Cluster mode: polls only while {@code pollWhen} holds (one node polls for all), and tells
     * {@code sharing} (if not null) of every poll it makes, from the first.
     */
    public FeedService(
            Catalog catalog,
            OfficialStore store,
            Clock clock,
            ProbeSettings settings,
            LiveDetection.Listener events,
            Metrics metrics,
            java.util.function.BooleanSupplier pollWhen,
            Sharing sharing) {
        this.store = store;
        this.sharing = sharing;
        this.pollWhen = pollWhen;
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
        Instant now = clock.instant();
        for (OfficialRecord r : store.officialSince(now.minus(HISTORY))) {
            records.put(r.key(), r);
        }
        recordList = List.copyOf(records.values());
        metrics.gauge(
                "epicenter.feeds",
                "Official status feeds polled",
                () -> sources().size());
        metrics.gauge(
                "epicenter.feeds.unreachable", "Official status feeds that stopped answering", this::unreachableCount);
        if (settings.feeds()) {
            poller = new FeedPoller(new HttpProbe(AddressGuard.allowing(settings.allow()), clock), clock);
            scheduler = new FeedScheduler(poller, this::polled);
            scheduler.pollWhen(pollWhen);
        } else {
            poller = null;
            scheduler = null;
        }
        catalogChanged(catalog);
    }

    /** Follows a catalog change: feeds added, removed or remapped. */
    public void catalogChanged(Catalog catalog) {
        var nextReaders = new LinkedHashMap<String, List<Reader>>();
        var nextFeedsOf = new HashMap<String, List<String>>();
        var nextSources = new LinkedHashMap<String, FeedSource>();
        synchronized (this) {
            for (CatalogEntry e : catalog.entries()) {
                for (FeedSpec f : e.feeds()) {
                    nextReaders.computeIfAbsent(f.url(), k -> new ArrayList<>()).add(new Reader(e.id(), f));
                    nextFeedsOf.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(f.url());
                    FeedSource known = sources.get(f.url());
                    FeedSource wanted = known != null
                                    && known.format() == f.format()
                                    && known.interval().equals(f.every())
                                    && known.timeout().equals(f.deadline())
                            ? known
                            : new FeedSource(
                                    URI.create(f.url()),
                                    f.format(),
                                    f.every(),
                                    f.deadline(),
                                    FeedSource.defaultCap(f.format()));
                    nextSources.putIfAbsent(
                            f.url(), wanted); // a URL read by two entries with different settings: the first wins
                }
            }
            sources = nextSources;
            readers = nextReaders;
            feedsOf = nextFeedsOf;
            unreachable.retainAll(nextSources.keySet());
        }
        if (scheduler != null) {
            scheduler.sync(nextSources.values());
        }
        refresh(clock.instant());
    }

    private synchronized Map<String, FeedSource> sources() {
        return sources;
    }

    private synchronized long unreachableCount() {
        return unreachable.size();
    }

    /** Polls every feed now, all at once, besides the schedule, and returns when all are done (tests on a hand-moved clock). */
    void pollNow() {
        if (poller == null) {
            throw new IllegalStateException("feeds are off");
        }
        try (var each = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (FeedSource s : sources().values()) {
                each.execute(() -> polled(s, poller.poll(s)));
            }
        } // waits for every poll
    }

    /** Hears every poll this node made, after it is stored (cluster mode: to tell the other nodes). */
    public interface Sharing {
        void polled(FeedSource source, FeedPoller.Poll poll, Instant at);
    }

    /**
     * Another node's poll of {@code url} at {@code at} (cluster mode): taken as if this node had
     * polled, except that the polling node has already stored what it found. Unknown URLs (a
     * catalog not yet the same on both nodes) are skipped.
     */
    public void fromPeer(String url, Instant at, FeedPoller.Poll poll) {
        if (poller != null && pollWhen.getAsBoolean()) {
            return; // this node polls: its own polls are the truth (a peer's may be a paused old leader's)
        }
        FeedSource source = sources().get(url);
        if (source == null || !source.heard(at, poll)) {
            return;
        }
        polled(source, poll, at, false);
    }

    /** One poll's outcome: metrics, the store, and what changed. */
    void polled(FeedSource source, FeedPoller.Poll poll) {
        Instant now = clock.instant();
        polled(source, poll, now, true);
        if (sharing != null) {
            sharing.polled(source, poll, now);
        }
    }

    private void polled(FeedSource source, FeedPoller.Poll poll, Instant now, boolean own) {
        if (own) {
            metrics.feedPoll(source.url().getHost(), poll.outcome().name().toLowerCase(java.util.Locale.ROOT));
        }
        String url = source.url().toString();
        var changes = new ArrayList<Event>();
        synchronized (this) {
            if (sources.get(url) != source) {
                return; // removed from the catalog while it was being polled
            }
            FeedSource.Status st = source.status();
            List<String> entries = readers.getOrDefault(url, List.of()).stream()
                    .map(Reader::entry)
                    .toList();
            if (poll.outcome() == FeedPoller.Outcome.FAILED) {
                if (st.unreachable() && unreachable.add(url)) {
                    LOG.warn("status feed {} unreachable since {}: {}", url, st.unreachableSince(), st.lastError());
                    changes.add(new Event.OfficialUnreachable(new FeedView(st, entries)));
                }
            } else {
                if (unreachable.remove(url)) {
                    changes.add(new Event.OfficialReachable(new FeedView(st, entries)));
                }
                if (poll.snapshot()
                        != null) { // null: a peer's poll of a page whose content this node has not heard yet
                    remember(url, poll.snapshot(), now, changes, own);
                }
            }
        }
        changes.forEach(events::changed);
        refresh(now);
    }

    /** Stores what a snapshot says of each entry reading it; incidents gone from the page are closed. */
    private void remember(String url, FeedSnapshot snapshot, Instant now, List<Event> changes, boolean store) {
        var save = new ArrayList<OfficialRecord>();
        for (Reader reader : readers.getOrDefault(url, List.of())) {
            var listed = new HashSet<String>();
            for (FeedSnapshot.Incident i : OfficialView.settled(reader.spec(), snapshot, now)) {
                if (i.resolved() != null && i.created().isBefore(now.minus(HISTORY))) {
                    continue; // old history (Google Cloud lists years of it)
                }
                var fresh = new OfficialRecord(reader.entry(), url, i, now);
                listed.add(fresh.key());
                OfficialRecord known = records.get(fresh.key());
                if (known == null || !known.incident().equals(i)) {
                    save.add(known == null ? fresh : new OfficialRecord(reader.entry(), url, i, known.firstSeen()));
                }
            }
            for (OfficialRecord known : records.values()) {
                if (known.entry().equals(reader.entry())
                        && known.feed().equals(url)
                        && known.incident().resolved() == null
                        && !listed.contains(known.key())) {
                    FeedSnapshot.Incident i = known.incident();
                    save.add(new OfficialRecord(
                            known.entry(),
                            url,
                            new FeedSnapshot.Incident(
                                    i.id(),
                                    i.title(),
                                    "resolved",
                                    i.impact(),
                                    i.created(),
                                    now,
                                    now,
                                    i.link(),
                                    i.maintenance(),
                                    i.from(),
                                    i.until(),
                                    i.updates(),
                                    i.affected()),
                            known.firstSeen()));
                }
            }
        }
        if (save.isEmpty()) {
            return;
        }
        if (store) {
            this.store.saveOfficial(save); // a peer's poll: the node that polled has stored it
        }
        var merged = new LinkedHashMap<>(records);
        save.forEach(r -> merged.put(r.key(), r));
        recordList = List.copyOf(merged.values());
        for (OfficialRecord r : save) {
            OfficialRecord before = records.put(r.key(), r);
            if (isOutage(r)) {
                var incident = asIncident(r);
                if (before == null || !isOutage(before)) {
                    changes.add(new Event.IncidentOpened(incident));
                    changes.add(new Event.IncidentConfirmed(incident));
                }
                if (r.incident().resolved() != null
                        && (before == null || before.incident().resolved() == null)) {
                    changes.add(new Event.IncidentResolved(incident));
                }
            }
        }
    }

    /** An official incident that is an outage in its own right: partial or major, not maintenance. */
    static boolean isOutage(OfficialRecord r) {
        FeedSnapshot.Incident i = r.incident();
        return !i.maintenance()
                && (i.impact() == OfficialState.PARTIAL_OUTAGE || i.impact() == OfficialState.MAJOR_OUTAGE)
                && (i.resolved() == null
                        || i.resolved().isAfter(i.created())); // a post that only says "resolved" is no outage
    }

    static DetectedIncident asIncident(OfficialRecord r) {
        FeedSnapshot.Incident i = r.incident();
        String evidence = "officially " + i.impact().wireName().replace('_', ' ') + ": " + i.title();
        return new DetectedIncident(
                r.entry(),
                i.created(),
                i.created(),
                i.resolved(),
                i.created(),
                0,
                0,
                List.of(),
                org.epicenter.detect.Scope.GLOBAL,
                Map.of(),
                evidence);
    }

    /** Recomputes every entry's official word at {@code now} (windows open and close with time) and announces changes. */
    private void refresh(Instant now) {
        var changes = new ArrayList<Event>();
        synchronized (this) {
            var next = new HashMap<String, OfficialStatus>();
            for (String entry : feedsOf.keySet()) {
                OfficialView v = view(entry, now);
                Instant down = null;
                for (String url : feedsOf.get(entry)) {
                    FeedSource s = sources.get(url);
                    Instant since = s == null ? null : s.status().unreachableSince();
                    down = since != null && (down == null || since.isBefore(down)) ? since : down;
                }
                FeedSnapshot.Incident newest =
                        v.open().isEmpty() ? null : v.open().get(0);
                var status = new OfficialStatus(
                        entry,
                        v.state(),
                        v.since(),
                        newest == null ? null : newest.title(),
                        newest == null ? null : newest.link(),
                        down);
                next.put(entry, status);
                OfficialStatus before = statuses.get(entry);
                if (before == null ? v.state() != OfficialState.OPERATIONAL : before.status() != status.status()) {
                    changes.add(new Event.OfficialStatusChanged(status));
                }
            }
            statuses = next;
        }
        changes.forEach(events::changed);
    }

    /** An entry's official word now, merged over its feeds; {@link OfficialView#NONE} while no feed of it was read. */
    public synchronized OfficialView view(String entry, Instant now) {
        OfficialView merged = OfficialView.NONE;
        for (String url : feedsOf.getOrDefault(entry, List.of())) {
            FeedSource s = sources.get(url);
            FeedSnapshot snapshot = s == null ? null : s.snapshot();
            if (snapshot == null) {
                continue;
            }
            for (Reader r : readers.getOrDefault(url, List.of())) {
                if (r.entry().equals(entry)) {
                    merged = merged.merge(OfficialView.of(r.spec(), snapshot, now));
                }
            }
        }
        return merged;
    }

    /** Entries with feeds, with their official word. */
    public Map<String, OfficialStatus> statuses() {
        return statuses;
    }

    /** Every feed with its polling state and readers. */
    public synchronized List<FeedView> feeds() {
        return sources.values().stream()
                .map(s -> new FeedView(
                        s.status(),
                        readers.getOrDefault(s.url().toString(), List.of()).stream()
                                .map(Reader::entry)
                                .toList()))
                .toList();
    }

    /** The feeds an entry reads, with their polling state. */
    public synchronized List<FeedSource.Status> feedsOf(String entry) {
        return feedsOf.getOrDefault(entry, List.of()).stream()
                .map(u -> sources.get(u))
                .filter(java.util.Objects::nonNull)
                .map(FeedSource::status)
                .toList();
    }

    /** Official incidents of an entry kept from the last {@link #HISTORY}, newest first. */
    public synchronized List<OfficialRecord> history(String entry) {
        return records.values().stream()
                .filter(r -> r.entry().equals(entry))
                .sorted(Comparator.comparing((OfficialRecord r) -> r.incident().created())
                        .reversed())
                .toList();
    }

    /** Official outages (partial or major) as incidents with the page's words as evidence. */
    public List<DetectedIncident> outages() {
        return recordList.stream()
                .filter(FeedService::isOutage)
                .map(FeedService::asIncident)
                .toList();
    }

    /** The official acknowledgement of an incident Epicenter found, if any. */
    public Optional<Official> acknowledgement(DetectedIncident i) {
        return Acknowledgement.find(i.service(), i.start(), i.confirmed(), i.end(), recordList)
                .map(a -> new Official(
                        a.at(),
                        a.lag().toSeconds(),
                        a.record().incident().title(),
                        a.record().incident().impact(),
                        a.record().incident().link()));
    }

    /** The official incident that acknowledged an incident Epicenter found, with its updates. */
    public Optional<OfficialRecord> acknowledgingRecord(DetectedIncident i) {
        return Acknowledgement.find(i.service(), i.start(), i.confirmed(), i.end(), recordList)
                .map(Acknowledgement::record);
    }

    /** Announced maintenance windows of an entry that overlap {@code [from, to)}, from the store and the pages. */
    public List<FeedSnapshot.Incident> maintenance(String entry, Instant from, Instant to) {
        if (!feedsOf.containsKey(entry)) {
            return List.of(); // most entries: no feed, nothing announced
        }
        var out = new LinkedHashMap<String, FeedSnapshot.Incident>();
        Instant now = clock.instant();
        for (OfficialRecord r : recordList) {
            if (r.entry().equals(entry) && r.incident().maintenance()) {
                out.put(r.incident().id(), r.incident());
            }
        }
        view(entry, now).maintenance().forEach(m -> out.putIfAbsent(m.id(), m));
        return out.values().stream()
                .filter(m -> m.from() != null)
                .filter(m ->
                        m.from().isBefore(to) && (m.until() == null || m.until().isAfter(from)))
                .toList();
    }

    /**
     * Every 10 s: windows opening and closing, and acknowledgements of Epicenter's own incidents
     * ({@code incident.acknowledged}, and the lag metric once per incident). Incidents already
     * acknowledged when the server starts are not news.
     */
    public void tick(Instant now, List<DetectedIncident> found) {
        refresh(now);
        var changes = new ArrayList<Event>();
        for (DetectedIncident i : found) {
            if (i.confirmed() == null) {
                continue;
            }
            String key = i.service() + "@" + i.start();
            synchronized (this) {
                if (acknowledged.contains(key)) {
                    continue;
                }
            }
            Optional<Official> ack = acknowledgement(i);
            if (ack.isPresent()) {
                synchronized (this) {
                    acknowledged.add(key);
                }
                if (primed) {
                    metrics.acknowledgementLag(ack.get().lagSeconds());
                    changes.add(new Event.IncidentAcknowledged(Map.of(
                            "service",
                            i.service(),
                            "start",
                            i.start(),
                            "confirmed",
                            i.confirmed(),
                            "official",
                            ack.get())));
                }
            }
        }
        primed = true;
        changes.forEach(events::changed);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
