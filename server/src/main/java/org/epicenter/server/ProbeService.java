package org.epicenter.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probe.ProbeBoard;
import org.epicenter.probe.ProbeResult;
import org.epicenter.probe.Verdicts.State;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.ProbeExecutor;
import org.epicenter.probes.ProbeRunner;
import org.epicenter.store.ProbeResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes, live: the server's own location (a {@link ProbeRunner}) and agents' batches both end in
 * the store and on the {@link ProbeBoard}. Each tick announces what changed: an entry's probe state
 * ({@code probe.status}) and backup paths found broken or fixed ({@code probe.backup},
 * {@code probe.backup.cleared}), and outages the probes alone found ({@code incident.opened},
 * {@code incident.confirmed}, {@code incident.resolved} with {@code signals: ["probes"]}). At start-up
 * the last {@link #REBUILD} of stored results is replayed, so a restart forgets no verdict and no outage.
 */
public final class ProbeService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeService.class);
    /** At start-up the stored results of this span are replayed minute by minute: verdicts and probe outages come back. */
    static final Duration REBUILD = Duration.ofHours(24);

    /** An entry's state by its probes: up, degraded, regional or down (absent while no probe of it ever worked). */
    public record ProbeStatus(String service, String status, Instant since) {}

    private final ProbeResultStore store;
    private final ProbeBoard board = new ProbeBoard();
    private final org.epicenter.probe.ProbeOutages outages = new org.epicenter.probe.ProbeOutages();
    private final Clock clock;
    private final LiveDetection.Listener events;
    private final Metrics metrics;
    private final ProbeRunner runner; // null when the server runs no probes itself
    private final LinkedBlockingQueue<ProbeResult> pending = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean closed;
    private Map<String, ProbeStatus> statuses = Map.of();
    private Map<String, ProbeBoard.BackupFinding> findings = Map.of();
    private final Map<String, Boolean> supportCache = new ConcurrentHashMap<>();

    public ProbeService(
            Catalog catalog,
            ProbeResultStore store,
            Clock clock,
            ProbeSettings settings,
            LiveDetection.Listener events,
            Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.events = events;
        board.sync(catalog);
        Instant now = clock.instant();
        Instant nextMinute = now.minus(REBUILD).plusSeconds(60);
        for (ProbeResult r : store.resultsSince(now.minus(REBUILD))) {
            while (!r.at().isBefore(nextMinute) && nextMinute.isBefore(now)) {
                board.expire(nextMinute);
                observe(nextMinute);
                nextMinute = nextMinute.plusSeconds(60);
            }
            board.record(r);
        }
        board.expire(now);
        observe(now);
        statuses = currentStatuses(Map.of());
        findings = currentFindings();
        metrics.gauge("epicenter.probes", "Probes defined in the catalog", board::size);
        metrics.gauge(
                "epicenter.probe.backup.findings",
                "Backup paths broken while their primary works",
                () -> findings().size());
        metrics.gauge(
                "epicenter.probe.outages.open",
                "Outages the probes found that are still open",
                () -> outages.all().stream().filter(o -> o.end() == null).count());
        this.writer = Thread.ofVirtual().name("epicenter-probe-writer").unstarted(this::drain);
        writer.start();
        if (settings.location() != null) {
            var guard = AddressGuard.allowing(settings.allow());
            runner = new ProbeRunner(
                    new ProbeExecutor(guard, clock), clock, settings.location(), 2_000, slip -> {}, this::local);
            runner.sync(board.assignments());
            runner.start();
            metrics.gauge(
                    "epicenter.probe.runs.skipped",
                    "Local probe runs skipped because too many were still running",
                    runner.scheduler()::skipped);
        } else {
            runner = null;
        }
    }

    private volatile java.util.function.Consumer<List<ProbeResult>> share = r -> {};

    /** Cluster mode: every result this node stores is also handed to {@code peers} (the probe log). */
    public void shareWith(java.util.function.Consumer<List<ProbeResult>> peers) {
        this.share = peers;
    }

    /** Cluster mode: results another node stored (and shared), for this node's board only. */
    public void fromPeers(List<ProbeResult> results) {
        results.forEach(board::record);
    }

    /** Follows a catalog change: the board and the server's own schedule. */
    public void catalogChanged(Catalog catalog) {
        board.sync(catalog);
        if (runner != null) {
            runner.sync(board.assignments());
        }
    }

    private void local(ProbeResult r) {
        if (!pending.offer(r)) {
            LOG.warn("probe results are arriving faster than the store takes them; dropped one of {}", r.probeId());
        }
    }

    /** Writes the server's own results in batches, then puts them on the board. */
    private void drain() {
        var batch = new ArrayList<ProbeResult>();
        while (!closed || !pending.isEmpty()) {
            try {
                ProbeResult first = pending.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, 4_999);
                store.appendResults(batch);
                batch.forEach(board::record);
                count(batch);
                share.accept(List.copyOf(batch));
            } catch (InterruptedException e) {
                if (closed) {
                    pending.drainTo(batch);
                    store.appendResults(batch);
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("could not store {} probe results; retrying in a second", batch.size(), e);
                pending.addAll(batch.subList(0, Math.min(batch.size(), pending.remainingCapacity())));
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    if (closed) {
                        return;
                    }
                }
            }
            batch.clear();
        }
    }

    /** Agents' results: stored (durably) before this returns, then judged. */
    public void accept(List<ProbeResult> results) {
        store.appendResults(results);
        results.forEach(board::record);
        count(results);
        share.accept(results);
    }

    private void count(List<ProbeResult> results) {
        var byKey = new HashMap<String, Integer>();
        results.forEach(r -> byKey.merge(r.location() + "\0" + r.ok(), 1, Integer::sum));
        byKey.forEach((k, n) -> {
            int cut = k.indexOf('\0');
            metrics.probeResults(k.substring(0, cut), Boolean.parseBoolean(k.substring(cut + 1)), n);
        });
    }

    /** True when the probe exists now. */
    public boolean knows(String entry, String probe) {
        return board.knows(entry + "/" + probe);
    }

    /** Expires quiet locations and announces changed states and backup findings. */
    public void tick(Instant now) {
        List<Event> changes = new ArrayList<>();
        synchronized (this) {
            board.expire(now);
            Map<String, ProbeStatus> next = currentStatuses(statuses);
            for (var e : next.entrySet()) {
                ProbeStatus before = statuses.get(e.getKey());
                if (before == null || !before.status().equals(e.getValue().status())) {
                    changes.add(new Event.ProbeStatusChanged(e.getValue()));
                }
            }
            for (String gone : statuses.keySet()) {
                if (!next.containsKey(gone)) {
                    changes.add(new Event.ProbeStatusChanged(new ProbeStatus(gone, "unverified", now)));
                }
            }
            Map<String, ProbeBoard.BackupFinding> found = currentFindings();
            for (var e : found.entrySet()) {
                if (!findings.containsKey(e.getKey())) {
                    changes.add(new Event.BackupFound(e.getValue()));
                }
            }
            for (var e : findings.entrySet()) {
                if (!found.containsKey(e.getKey())) {
                    changes.add(new Event.BackupCleared(e.getValue()));
                }
            }
            statuses = next;
            findings = found;
            for (var c : observe(now)) {
                var incident = asIncident(c.outage());
                if (c.type().equals("opened")) {
                    changes.add(new Event.IncidentOpened(incident));
                    changes.add(new Event.IncidentConfirmed(incident));
                } else {
                    changes.add(new Event.IncidentResolved(incident));
                }
            }
        }
        changes.forEach(events::changed);
    }

    /** Tells the outage tracker what every entry's probes say at {@code at}; one pass over the board. */
    private List<org.epicenter.probe.ProbeOutages.Change> observe(Instant at) {
        var byEntry = new java.util.LinkedHashMap<String, List<ProbeBoard.ProbeView>>();
        for (ProbeBoard.ProbeView v : board.all()) {
            if (v.spec().backupOf() == null) {
                byEntry.computeIfAbsent(v.entry(), k -> new ArrayList<>()).add(v);
            }
        }
        Map<String, State> states = board.states();
        var changes = new ArrayList<org.epicenter.probe.ProbeOutages.Change>();
        for (var e : byEntry.entrySet()) {
            var downAt = new java.util.LinkedHashSet<String>();
            Instant failingSince = null;
            String detail = null;
            for (ProbeBoard.ProbeView v : e.getValue()) {
                if (v.overall() == State.DOWN) {
                    for (String where : v.downAt()) {
                        downAt.add(where);
                        ProbeBoard.LocationView l = v.locations().get(where);
                        if (l != null
                                && l.failingSince() != null
                                && (failingSince == null || l.failingSince().isBefore(failingSince))) {
                            failingSince = l.failingSince();
                        }
                        if (detail == null && l != null) {
                            detail = v.spec().name() + " at " + where + ": " + l.lastDetail();
                        }
                    }
                }
            }
            changes.addAll(
                    outages.observe(e.getKey(), states.get(e.getKey()), List.copyOf(downAt), failingSince, detail, at));
        }
        return changes;
    }

    /** Outages the probes found, as incidents: no report counts, the probes' words as evidence. */
    public List<org.epicenter.detect.DetectedIncident> outages() {
        return outages.all().stream().map(ProbeService::asIncident).toList();
    }

    /** The probes' outages of {@code service} that overlap {@code [from, to)} (to null = open). */
    public boolean outageDuring(String service, Instant from, Instant to) {
        return outages.all().stream().anyMatch(o -> o.service().equals(service) && o.overlaps(from, to));
    }

    static org.epicenter.detect.DetectedIncident asIncident(org.epicenter.probe.ProbeOutages.Outage o) {
        String evidence = "probes down at " + String.join(", ", o.locations()) + " (quorum reached)"
                + (o.detail() == null ? "" : "; " + o.detail());
        return new org.epicenter.detect.DetectedIncident(
                o.service(),
                o.start(),
                o.confirmed(),
                o.end(),
                o.confirmed(),
                0,
                0,
                List.of(),
                org.epicenter.detect.Scope.GLOBAL,
                Map.of(),
                evidence);
    }

    private Map<String, ProbeStatus> currentStatuses(Map<String, ProbeStatus> before) {
        var out = new HashMap<String, ProbeStatus>();
        board.states().forEach((entry, state) -> {
            ProbeStatus old = before.get(entry);
            out.put(
                    entry,
                    old != null && old.status().equals(state.wireName())
                            ? old
                            : new ProbeStatus(entry, state.wireName(), clock.instant()));
        });
        return out;
    }

    private Map<String, ProbeBoard.BackupFinding> currentFindings() {
        var out = new java.util.LinkedHashMap<String, ProbeBoard.BackupFinding>();
        for (ProbeBoard.BackupFinding f : board.backupFindings(clock.instant())) {
            out.put(f.entry() + "/" + f.backup(), f);
        }
        return out;
    }

    public synchronized Map<String, ProbeStatus> statuses() {
        return statuses;
    }

    public synchronized List<ProbeBoard.BackupFinding> findings() {
        return List.copyOf(findings.values());
    }

    public List<ProbeBoard.ProbeView> of(String entry) {
        return board.of(entry);
    }

    /** Stored results of one probe in {@code [from, to)}. */
    public List<ProbeResult> results(String entry, String probe, Instant from, Instant to) {
        return store.results(entry, probe, from, to);
    }

    /** Every probe with its entry: what agents run. */
    public Map<String, List<ProbeSpec>> assignments() {
        return board.assignments();
    }

    /**
     * Whether the probes of {@code service} support an incident in {@code [from, to)}: a primary
     * probe failed at least twice at a location where it had worked in the day before (or during)
     * the incident ({@code end} null while it is open). Answers are cached.
     */
    public boolean supports(CatalogEntry service, Instant from, Instant end) {
        if (service.probes().stream().noneMatch(p -> p.backupOf() == null)) {
            return false;
        }
        Instant now = clock.instant();
        Instant to = end == null ? now : end;
        // an open span is asked about on every read of the incident list: answer it from a cache of 10 s
        String key = service.id() + "@" + from + "@" + (end == null ? "open@" + now.getEpochSecond() / 10 : end);
        Boolean known = supportCache.get(key);
        if (known != null) {
            return known;
        }
        boolean yes = false;
        for (ProbeSpec p : service.probes()) {
            if (p.backupOf() != null) {
                continue;
            }
            var failures = new HashMap<String, Integer>();
            var worked = new java.util.HashSet<String>();
            for (ProbeResult r : store.results(service.id(), p.name(), from.minus(Duration.ofDays(1)), to)) {
                if (r.ok()) {
                    worked.add(r.location());
                } else if (!r.at().isBefore(from)) {
                    failures.merge(r.location(), 1, Integer::sum);
                }
            }
            yes |= failures.entrySet().stream().anyMatch(e -> e.getValue() >= 2 && worked.contains(e.getKey()));
        }
        if (supportCache.size() > 10_000) {
            supportCache.clear();
        }
        // a closed span's answer can still change while late agent results arrive: keep it once it is 5 minutes old
        if (end == null || end.isBefore(now.minus(Duration.ofMinutes(5)))) {
            supportCache.put(key, yes);
        }
        return yes;
    }

    /** Probes scheduled at the server's own location. */
    public int localProbes() {
        return runner == null ? 0 : runner.size();
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
