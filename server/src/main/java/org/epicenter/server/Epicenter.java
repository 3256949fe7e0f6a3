package org.epicenter.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.CatalogDocument;
import org.epicenter.catalog.CatalogException;
import org.epicenter.ingest.DedupWindow;
import org.epicenter.ingest.LiveCounts;
import org.epicenter.ingest.ReportIngest;
import org.epicenter.ingest.ReporterHasher;
import org.epicenter.model.Report;
import org.epicenter.server.admin.AdminToken;
import org.epicenter.server.admin.CatalogAdmin;
import org.epicenter.server.http.ApiServer;
import org.epicenter.server.http.IncidentEvents;
import org.epicenter.store.GroupCommitter;
import org.epicenter.store.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Epicenter: the whole pipeline assembled here, in order. Signals enter through the
 * HTTP transport, pass the shared ingest path (validate, hash, dedup), are group-committed to the
 * store, and are served back by the read API.
 */
public final class Epicenter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Epicenter.class);

    private final ApiServer api;
    private final Ticker ticker;
    private final Teardown teardown;
    private final org.epicenter.server.alert.AlertService alerts;
    private final FeedService feeds;
    private final Clock clock;

    private final Runnable readSocial;

    private Epicenter(
            ApiServer api,
            Ticker ticker,
            Teardown teardown,
            org.epicenter.server.alert.AlertService alerts,
            FeedService feeds,
            Clock clock,
            Runnable readSocial) {
        this.readSocial = readSocial;
        this.api = api;
        this.ticker = ticker;
        this.teardown = teardown;
        this.alerts = alerts;
        this.feeds = feeds;
        this.clock = clock;
    }

    /**
     * Starts everything. Fails before opening the store when the catalog file is invalid.
     *
     * @param announceToken receives a newly generated admin token, the only time it exists in clear
     */
    public static Epicenter start(ServerSettings s, Clock clock, Consumer<String> announceToken) {
        return start(s, clock, announceToken, false);
    }

    /**
     * Starts everything; with {@code demo}, first backfills a simulated week (unless the store has
     * one) and then streams live simulated reports with an outage ahead (see {@link Demo}).
     */
    public static Epicenter start(ServerSettings s, Clock clock, Consumer<String> announceToken, boolean demo) {
        List<CatalogDocument> layers = catalogLayers(s.catalogFile());
        Catalog.of(layers, List.of()); // refuse a bad file before touching the store
        var alertConfig = s.alertsFile() == null
                ? null
                : org.epicenter.server.alert.AlertConfig.load(s.alertsFile(), System::getenv);

        var teardown = new Teardown();
        Storage storage = teardown.add("store", s.store().open(s.dataDir()));
        try {
            var cluster = s.cluster();
            org.epicenter.server.cluster.ReportLog log = null;
            org.epicenter.server.cluster.ProbeLog probeLog = null;
            org.epicenter.server.cluster.FeedLog feedLog = null;
            String node =
                    ProcessHandle.current().pid() + "-" + Long.toHexString(new java.security.SecureRandom().nextLong());
            if (cluster != null) {
                cluster = cluster.withPartitions(org.epicenter.server.cluster.ReportLog.ensureTopic(cluster));
                org.epicenter.server.cluster.ReportLog.ensureTopic(
                        cluster, org.epicenter.server.cluster.ProbeLog.topic(cluster));
                log = teardown.add("report log", new org.epicenter.server.cluster.ReportLog(cluster, clock));
                // placed before the probe board reads the store, so the two meet without a gap
                probeLog = teardown.add("probe log", new org.epicenter.server.cluster.ProbeLog(cluster, node));
                org.epicenter.server.cluster.FeedLog.ensureTopic(cluster);
                feedLog = teardown.add("feed log", new org.epicenter.server.cluster.FeedLog(cluster, node));
            }
            var catalog = CatalogAdmin.load(layers, storage.catalogChanges());
            AdminToken token = AdminToken.resolve(s.adminToken(), storage.secrets(), announceToken);
            if (s.probes().agentToken() != null && token.matches(s.probes().agentToken())) {
                throw new IllegalArgumentException(
                        "EPICENTER_AGENT_TOKEN must differ from the admin token: every agent's host would hold admin rights");
            }
            var metrics = new Metrics();

            Instant now = clock.instant();
            if (demo) {
                Demo.backfill(storage.reports(), now);
            }
            var dedup = new DedupWindow(s.dedupWindow());
            var live = new LiveCounts();
            // Rebuild in-memory state from the store: a restart forgets no dedup decision and no recent count.
            Instant dedupFrom = now.minus(s.dedupWindow());
            Instant liveFrom = now.minus(Duration.ofMinutes(LiveCounts.MINUTES));
            for (Report r : storage.reports().countedSince(liveFrom.isBefore(dedupFrom) ? liveFrom : dedupFrom)) {
                if (!r.receivedAt().isBefore(dedupFrom)) {
                    dedup.remember(r);
                }
                if (!r.receivedAt().isBefore(liveFrom)) {
                    live.add(r.service(), r.minute(), 1);
                }
            }
            var hasher = new ReporterHasher(storage.secrets(), s.dedupWindow());
            var storeHealth = new StoreHealth(metrics, clock);
            var committer = teardown.add(
                    "group committer",
                    new GroupCommitter(
                            storage.reports(), s.commitBatch(), storeHealth, task -> Thread.startVirtualThread(task)));
            var ingest = new ReportIngest(
                    catalog::current,
                    hasher,
                    dedup,
                    log != null ? log : committer, // cluster mode: a report is accepted when Kafka has it
                    live,
                    new org.epicenter.ingest.ClientNetwork(
                            s.http().reporterPrefixV4(), s.http().reporterPrefixV6()));

            var events = new IncidentEvents();
            var detection = new LiveDetection(
                    storage.reports(),
                    clock.instant(),
                    events,
                    cluster == null
                            ? t -> t
                            : new org.epicenter.server.cluster.DetectionHorizon(cluster, storage.reports()));
            org.epicenter.server.cluster.ReportLogReader reader = null;
            if (cluster != null && cluster.role().reads()) {
                reader = teardown.add(
                        "report log reader",
                        new org.epicenter.server.cluster.ReportLogReader(
                                cluster, storage.reports(), s.dedupWindow(), live, clock, node));
            }
            var readerOrNull = reader;
            if (reader != null) {
                metrics.gauge(
                        "epicenter.log.reader.healthy",
                        "1 while the report log reader reads and stores, 0 while it retries",
                        () -> readerOrNull.healthy() ? 1 : 0);
                metrics.gauge(
                        "epicenter.log.reader.leader",
                        "1 while this node holds partition 0 and sends alerts and notices",
                        () -> readerOrNull.leader() ? 1 : 0);
            }
            java.util.function.BooleanSupplier leader =
                    cluster == null ? () -> true : () -> readerOrNull != null && readerOrNull.leader();
            var probes = teardown.add(
                    "probes",
                    new ProbeService(catalog.current(), storage.probeResults(), clock, s.probes(), events, metrics));
            catalog.onChange(probes::catalogChanged);
            if (probeLog != null) {
                probes.shareWith(probeLog::publish);
                probeLog.follow(probes::fromPeers);
            }
            var feeds = teardown.add(
                    "feeds",
                    new FeedService(
                            catalog.current(),
                            storage.official(),
                            clock,
                            s.probes(),
                            events,
                            metrics,
                            leader, // cluster mode: the node that sends alerts polls every page for all
                            feedLog));
            catalog.onChange(feeds::catalogChanged);
            if (feedLog != null) {
                feedLog.start(feeds);
            }
            var social = new SocialService(catalog::current, storage.social(), storage.secrets(), clock, events);
            var socialSources = s.probes().mastodon().stream()
                    .map(u -> new org.epicenter.server.social.MastodonSource(
                            u,
                            s.probes().hashtags(),
                            new org.epicenter.probes.HttpProbe(
                                    org.epicenter.probes.AddressGuard.allowing(
                                            s.probes().allow()),
                                    clock),
                            clock))
                    .toList();
            var book = new IncidentBook(catalog, detection, probes, feeds, social, events);
            var outbound = new org.epicenter.probes.HttpProbe(
                    org.epicenter.probes.AddressGuard.allowing(s.probes().allow()), clock);
            var mailer = s.mail() == null ? null : new org.epicenter.server.alert.Mailer(s.mail());
            var channels = org.epicenter.server.alert.channel.Channels.open(
                    new org.epicenter.server.alert.channel.Outbound(outbound, mailer));
            if (alertConfig != null) {
                alertConfig.subscriptions().forEach(storage.alerts()::putSubscription);
                alertConfig.silences().forEach(storage.alerts()::putSilence);
            }
            var alerts = teardown.add(
                    "alerts",
                    new org.epicenter.server.alert.AlertService(
                            storage.alerts(),
                            book,
                            catalog::current,
                            clock,
                            org.epicenter.alert.AlertPlanner.Settings.defaults(),
                            channels,
                            s.publicUrlOrDefault(),
                            metrics));
            var notices = teardown.add(
                    "notices",
                    new org.epicenter.server.notify.BackNotices(
                            storage.notices(),
                            storage.secrets(),
                            book,
                            catalog::current,
                            mailer,
                            s.publicUrlOrDefault(),
                            clock,
                            metrics));
            if (cluster != null) {
                alerts.activeWhen(leader); // before the dispatcher's first round: a standby sends nothing
                notices.sendWhen(leader);
            }
            var intake = new Intake(ingest, clock, metrics);
            var api = teardown.add(
                    "HTTP server",
                    new ApiServer(
                            s,
                            clock,
                            intake,
                            catalog,
                            storage.reports(),
                            live,
                            detection,
                            events,
                            token,
                            metrics,
                            probes,
                            feeds,
                            book,
                            storage.alerts(),
                            alerts,
                            storeHealth,
                            notices,
                            social));
            api.start(); // the HTTP transport: reports, the API and the pages
            if (cluster != null) {
                if (reader != null) {
                    reader.start();
                }
            }

            var housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("epicenter-housekeeping").daemon().factory());
            teardown.onClose("housekeeping", () -> Teardown.stop(housekeeping));
            Runnable tidy = () -> {
                try {
                    Instant t = clock.instant();
                    storage.reports().deleteRawBefore(t.minus(s.rawRetention()));
                    storage.reports()
                            .deleteMinuteCountsBefore(Math.floorDiv(
                                    t.minus(s.aggregateRetention()).getEpochSecond(), 60));
                    storage.probeResults().deleteResultsBefore(t.minus(s.rawRetention()));
                    storage.official().deleteOfficialBefore(t.minus(FeedService.HISTORY));
                    storage.alerts()
                            .deleteEntriesBefore(t.minus(java.time.Duration.ofDays(90))); // the alert log keeps 90 days
                    notices.prune(t);
                    social.prune(t);
                    hasher.forgetOldKeys(t);
                    dedup.prune(t);
                    api.prune();
                } catch (RuntimeException e) {
                    LOG.warn("housekeeping failed; will retry in a minute", e);
                }
            };
            housekeeping.scheduleWithFixedDelay(tidy, 0, 1, TimeUnit.MINUTES);
            // the tick, in order: each stage reads what the stages before it produced
            var clusterMode = cluster != null;
            var ticker = new Ticker(List.of(
                    new Ticker.Stage("catalog", t -> {
                        if (clusterMode) {
                            catalog.refresh(); // changes made through another node's admin API
                        }
                    }),
                    new Ticker.Stage("social", t -> {
                        if (clusterMode && t.getEpochSecond() / 10 % 6 == 0) {
                            social.reload(t); // posts pushed to the other nodes, once a minute
                        }
                    }),
                    new Ticker.Stage("live counts", t -> {
                        if (clusterMode) {
                            refreshLiveCounts(storage.reports(), live, t);
                        }
                    }),
                    new Ticker.Stage("detection", detection::tick),
                    new Ticker.Stage("probe", probes::tick),
                    new Ticker.Stage("feed", t -> feeds.tick(t, epicenterIncidents(detection, probes))),
                    new Ticker.Stage("correlation", book::tick),
                    new Ticker.Stage("alert", alerts::tick),
                    new Ticker.Stage("notice", t -> {
                        if (leader.getAsBoolean()) {
                            notices.tick(t);
                        }
                    })));
            housekeeping.scheduleWithFixedDelay(() -> ticker.tick(clock.instant()), 10, 10, TimeUnit.SECONDS);
            Runnable readSocial = () -> {
                if (!leader.getAsBoolean()) {
                    return; // cluster mode: the node that sends alerts reads for all (posts are stored once anyway)
                }
                for (var source : socialSources) {
                    try {
                        source.poll(social::take);
                    } catch (RuntimeException e) {
                        LOG.warn("reading {} failed; will retry", source.source(), e);
                    }
                }
            };
            if (!socialSources.isEmpty()) {
                var socialReader = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("epicenter-social").daemon().factory());
                teardown.onClose("social sources", () -> Teardown.stop(socialReader));
                socialReader.scheduleWithFixedDelay(readSocial, 5, 60, TimeUnit.SECONDS);
            }
            LOG.info(
                    "Epicenter serving {} catalog entries on http://{}:{} (data: {}); {} probes run from location {}",
                    catalog.current().size(),
                    s.host(),
                    api.port(),
                    s.store().describe(s.dataDir()),
                    probes.localProbes(),
                    s.probes().location() == null
                            ? "(none: agents only)"
                            : s.probes().location());
            book.tick(clock.instant()); // causes of the rebuilt history: known at once, not news
            var epicenter = new Epicenter(api, ticker, teardown, alerts, feeds, clock, readSocial);
            if (demo) {
                Thread d = Demo.live(intake, clock); // the demo is a transport of its own in the report metrics
                teardown.onClose("demo", () -> Teardown.stop(d));
            }
            return epicenter;
        } catch (RuntimeException e) {
            teardown.close(); // what started so far, in reverse
            throw e;
        }
    }

    /** Cluster mode: the service list's recent counts from the shared store (other nodes' reports included). */
    private static void refreshLiveCounts(org.epicenter.store.ReportStore store, LiveCounts live, Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        var sums = new java.util.HashMap<String, Long>();
        store.forEachMinuteCount(
                minute - LiveCounts.MINUTES + 1,
                minute + 1,
                c -> sums.merge(c.service() + "\n" + c.minute(), c.reports(), Long::sum));
        sums.forEach((key, n) -> {
            int cut = key.indexOf('\n');
            live.set(key.substring(0, cut), Long.parseLong(key.substring(cut + 1)), n);
        });
    }

    /** Incidents Epicenter found itself (reports and probes): the ones an official page can acknowledge. */
    private static List<org.epicenter.detect.DetectedIncident> epicenterIncidents(
            LiveDetection detection, ProbeService probes) {
        var all = new ArrayList<>(detection.incidents());
        all.addAll(probes.outages());
        return all;
    }

    /** The default catalog, then the operator's file if any; a missing or unreadable file is a CatalogException. */
    public static List<CatalogDocument> catalogLayers(Path file) {
        var layers = new ArrayList<CatalogDocument>();
        layers.add(CatalogCodec.defaultDocument());
        if (file != null) {
            try {
                layers.add(CatalogCodec.readYaml(file.toString(), Files.readString(file)));
            } catch (NoSuchFileException e) {
                throw new CatalogException(file.toString(), 0, "", "file not found");
            } catch (IOException e) {
                throw new CatalogException(file.toString(), 0, "", "cannot read: " + e.getMessage());
            }
        }
        return layers;
    }

    public int port() {
        return api.port();
    }

    /** Runs a tick now, as the scheduler does every 10 s: for tests on a hand-moved clock. */
    /** Reads the social sources now, as the reader does every minute: for tests. */
    void readSocialNow() {
        readSocial.run();
    }

    void detectNow() {
        ticker.tickStrictly(clock.instant());
    }

    /** Sends the alerts that are due now, as the dispatcher does every second: for tests. */
    void dispatchAlertsNow() {
        alerts.dispatchDue();
    }

    /** Polls every official feed now, as the schedule does every few minutes: for tests. */
    void pollFeedsNow() {
        feeds.pollNow();
    }

    public List<String> routes() {
        return api.routes();
    }

    /** Stops taking requests, writes every queued report, closes the store: everything in the reverse of its start. */
    @Override
    public void close() {
        teardown.close();
    }
}
