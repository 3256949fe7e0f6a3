package org.epicenter.server.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.catalog.Category;
import org.epicenter.catalog.Dependency;
import org.epicenter.catalog.EntryKind;
import org.epicenter.catalog.Evidence;
import org.epicenter.catalog.LocalizedName;
import org.epicenter.detect.Poisson;
import org.epicenter.ingest.LiveCounts;
import org.epicenter.model.MinuteCount;
import org.epicenter.server.LiveDetection;
import org.epicenter.server.admin.CatalogAdmin;
import org.epicenter.store.ReportStore;

/** Read API over the catalog and its report counts. Anonymous; cacheable for a few seconds. */
final class CatalogRoutes {
    static final String CACHE = "public, max-age=5";

    /** Counted reports over trailing windows ending now (the current minute included). */
    record Activity(long last5Minutes, long last15Minutes, long last60Minutes) {}

    /**
     * @param status      ok, suspected (reports rising) or problems (a confirmed incident is open), with its start
     * @param probeStatus what its probes say: up, degraded, regional or down; null while none of its probes ever worked
     *                    (its probe definitions are at /api/v1/services/{id}/probes, not in this list)
     * @param official    what its official status pages say; null when it has no feed (the feeds themselves are at
     *                    /api/v1/services/{id}/official)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ServiceView(
            @JsonUnwrapped @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"probes", "feeds", "aliases"})
            CatalogEntry entry,

            Activity reports,
            List<String> dependents,
            String status,
            Instant statusSince,
            String probeStatus,
            org.epicenter.server.FeedService.OfficialStatus official) {}

    /**
     * @param baseline  what the baseline expected in each minute (null until the service has been reported)
     * @param upperBand the count above which a minute is unusual (Poisson 99.9% quantile of the baseline)
     */
    record Series(
            String service,
            Instant from,
            Instant to,
            int stepSeconds,
            long[] counts,
            long total,
            Map<String, Long> byCountry,
            Map<String, Long> byProblem,
            double[] baseline,
            long[] upperBand,
            List<Maintenance> maintenance) {}

    /** An announced maintenance window inside the span: reports in it are labelled, not hidden. */
    record Maintenance(String title, Instant from, Instant until, String link) {}

    record DependentView(
            String id, EntryKind kind, LocalizedName name, Category category, Evidence evidence, String source) {}

    record Dependents(String provider, List<DependentView> direct, List<String> all) {}

    private final CatalogAdmin catalog;
    private final ReportStore reports;
    private final LiveCounts live;
    private final LiveDetection detection;
    private final org.epicenter.server.ProbeService probes;
    private final org.epicenter.server.FeedService feeds;
    private final Clock clock;

    CatalogRoutes(
            CatalogAdmin catalog,
            ReportStore reports,
            LiveCounts live,
            LiveDetection detection,
            org.epicenter.server.ProbeService probes,
            org.epicenter.server.FeedService feeds,
            Clock clock) {
        this.probes = probes;
        this.feeds = feeds;
        this.catalog = catalog;
        this.reports = reports;
        this.live = live;
        this.detection = detection;
        this.clock = clock;
    }

    private long nowMinute() {
        return Math.floorDiv(clock.instant().getEpochSecond(), 60);
    }

    private Activity activity(String id, long now) {
        return new Activity(
                live.sum(id, now - 4, now + 1), live.sum(id, now - 14, now + 1), live.sum(id, now - 59, now + 1));
    }

    private ServiceView view(Catalog c, CatalogEntry e, long now) {
        LiveDetection.ServiceStatus status = detection.statuses().get(e.id());
        var probed = probes.statuses().get(e.id());
        return new ServiceView(
                e,
                activity(e.id(), now),
                c.directDependents(e.id()).stream().map(CatalogEntry::id).toList(),
                status == null ? "ok" : status.status(),
                status == null ? null : status.since(),
                probed == null ? null : probed.status(),
                feeds.statuses().get(e.id()));
    }

    private CatalogEntry entry(Catalog c, Context ctx) {
        String id = ctx.pathParam("id");
        return c.find(id)
                .orElseThrow(() -> new ApiError(404, "unknown_service", "id", "unknown service \"" + id + "\""));
    }

    /** GET /api/v1/services[?category=&kind=]: busiest first (reports in the last 15 minutes), then catalog order. */
    void list(Context ctx) {
        Catalog c = catalog.current();
        Category category = optional(ctx, "category", Category::fromWire);
        EntryKind kind = optional(ctx, "kind", EntryKind::fromWire);
        long second = clock.instant().getEpochSecond();
        String key = category + "|" + kind;
        Listing cached = listings.get(key);
        if (cached == null || cached.catalog() != c || cached.second() != second) {
            long now = Math.floorDiv(second, 60);
            List<ServiceView> views = c.entries().stream()
                    .filter(e -> category == null || e.category() == category)
                    .filter(e -> kind == null || e.kind() == kind)
                    .map(e -> view(c, e, now))
                    .sorted(Comparator.comparingLong(
                                    (ServiceView v) -> v.reports().last15Minutes())
                            .reversed())
                    .toList();
            cached = new Listing(c, second, Json.bytes(Map.of("services", views)));
            listings.put(key, cached);
        }
        ctx.header("Cache-Control", CACHE);
        Json.sendBytes(ctx, 200, cached.json());
    }

    /**
     * The whole list, encoded, for one second of one catalog: during a surge thousands of visitors
     * a second ask for the same 45 KB, and building it is the costliest read we serve.
     */
    private record Listing(Catalog catalog, long second, byte[] json) {}

    private final java.util.concurrent.ConcurrentHashMap<String, Listing> listings =
            new java.util.concurrent.ConcurrentHashMap<>();

    void one(Context ctx) {
        Catalog c = catalog.current();
        ctx.header("Cache-Control", CACHE);
        Json.send(ctx, 200, view(c, entry(c, ctx), nowMinute()));
    }

    /** GET /api/v1/services/{id}/reports?hours=24: per-minute counts plus country and problem breakdowns. */
    /** The baseline and its band for a span of minutes. */
    private record Band(double[] baseline, long[] upper) {}

    /**
     * Bands by service and span. They change only when a minute closes, and computing one (1,440
     * Poisson quantiles for a day) is the costly part of the series: during a surge every visitor
     * of a service page asks for the same one. A new minute starts a new key; old keys are dropped.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Band> bands =
            new java.util.concurrent.ConcurrentHashMap<>();

    private volatile long bandsMinute;

    /** Counted reports by minute (from {@code from}), country and problem. */
    private static final class Tally {
        final long from;
        final long[] counts;
        final TreeMap<String, Long> byCountry = new TreeMap<>();
        final TreeMap<String, Long> byProblem = new TreeMap<>();
        long total;

        Tally(long from, int minutes) {
            this.from = from;
            this.counts = new long[minutes];
        }

        Tally copy(int minutes) {
            Tally t = new Tally(from, minutes);
            System.arraycopy(counts, 0, t.counts, 0, Math.min(counts.length, minutes));
            t.byCountry.putAll(byCountry);
            t.byProblem.putAll(byProblem);
            t.total = total;
            return t;
        }

        Tally add(Iterable<MinuteCount> rows) {
            for (MinuteCount m : rows) {
                counts[(int) (m.minute() - from)] += m.reports();
                byCountry.merge(m.country(), m.reports(), Long::sum);
                byProblem.merge(m.problem().wireName(), m.reports(), Long::sum);
                total += m.reports();
            }
            return this;
        }
    }

    /** Tallies of closed minutes, by service and span; read-only once cached. */
    private final java.util.concurrent.ConcurrentHashMap<String, Tally> pasts =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Minutes held by the tally and band caches together: about 24 bytes each, so 2 million is ~50 MB at most. */
    static final long MAX_CACHED_MINUTES = 2_000_000;

    private final java.util.concurrent.atomic.AtomicLong cachedMinutes = new java.util.concurrent.atomic.AtomicLong();

    private Tally past(String service, long from, long to) {
        newMinute();
        return pasts.computeIfAbsent(service + ":" + from + ":" + to, k -> {
            cachedMinutes.addAndGet(Math.max(0, to - from));
            return new Tally(from, (int) Math.max(0, to - from)).add(reports.minuteCounts(service, from, to));
        });
    }

    /** Drops every cached band and tally when the minute changes (or the caches grow too large). */
    private void newMinute() {
        long now = nowMinute();
        // bounded by size, not by count: each entry holds up to a week of minutes, and every
        // hours-and-bucket combination a client asks for is a new key (an attacker's 11,000 of them
        // held 760 MB before this bound)
        if (now != bandsMinute || cachedMinutes.get() > MAX_CACHED_MINUTES) {
            cachedMinutes.set(0);
            bands.clear();
            pasts.clear();
            bandsMinute = now;
        }
    }

    private Band band(String service, long from, int minutes) {
        newMinute();
        return bands.computeIfAbsent(service + ":" + from + ":" + minutes, k -> {
            cachedMinutes.addAndGet(minutes);
            double[] expected = detection.expected(service, from, minutes);
            if (expected == null) {
                return null; // not cached: the service has no baseline yet
            }
            double[] baseline = new double[minutes];
            long[] upper = new long[minutes];
            for (int i = 0; i < minutes; i++) {
                baseline[i] = Math.round(expected[i] * 100) / 100.0;
                upper[i] = Poisson.upperQuantile(expected[i], 0.001);
            }
            return new Band(baseline, upper);
        });
    }

    void series(Context ctx) {
        CatalogEntry e = entry(catalog.current(), ctx);
        for (String name : List.of("hours", "bucket")) {
            if (ctx.queryParams(name).size() > 1) { // which one was meant? never silently the first
                throw new ApiError(
                        400,
                        "invalid_field",
                        name,
                        name + " is given " + ctx.queryParams(name).size() + " times; give it once");
            }
        }
        int hours = hours(ctx.queryParam("hours"));
        int bucket = bucket(ctx.queryParam("bucket"));
        // buckets sit on the clock (09:00, 09:15, ...): the last one is the current, still filling
        long now = nowMinute();
        long to = Math.floorDiv(now, bucket) * bucket + bucket;
        long from = to - hours * 60L;
        // Minutes before the last two no longer change: they are read once a minute per service and
        // span; the last two (the current one, and the one whose last reports may still be committing)
        // are read on every request. Minutes after now (the rest of the current bucket) have none.
        long live = Math.max(from, now - 1);
        Tally t = past(e.id(), from, live).copy(hours * 60).add(reports.minuteCounts(e.id(), live, now + 1));
        Band band = band(e.id(), from, t.counts.length);
        double[] baseline = band == null ? null : band.baseline();
        long[] upper = band == null ? null : band.upper();
        ctx.header("Cache-Control", CACHE);
        Instant start = Instant.ofEpochSecond(from * 60);
        Instant end = Instant.ofEpochSecond(to * 60);
        List<Maintenance> windows = feeds.maintenance(e.id(), start, end).stream()
                .map(m -> new Maintenance(m.title(), m.from(), m.until(), m.link()))
                .toList();
        if (bucket > 1) {
            int n = t.counts.length / bucket;
            long[] counts = new long[n];
            double[] base = baseline == null ? null : new double[n];
            long[] up = baseline == null ? null : new long[n];
            for (int b = 0; b < n; b++) {
                double expected = 0;
                for (int i = b * bucket; i < (b + 1) * bucket; i++) {
                    counts[b] += t.counts[i];
                    expected += baseline == null ? 0 : baseline[i];
                }
                if (base != null) {
                    base[b] = Math.round(expected * 100) / 100.0;
                    up[b] = Poisson.upperQuantile(expected, 0.001); // a sum of Poisson counts is Poisson
                }
            }
            Json.send(
                    ctx,
                    200,
                    new Series(
                            e.id(),
                            start,
                            end,
                            bucket * 60,
                            counts,
                            t.total,
                            t.byCountry,
                            t.byProblem,
                            base,
                            up,
                            windows));
            return;
        }
        Json.send(
                ctx,
                200,
                new Series(
                        e.id(), start, end, 60, t.counts, t.total, t.byCountry, t.byProblem, baseline, upper, windows));
    }

    /** Minutes per point of a series: 1 (the default), 5, 15 or 60, so a chart gets buckets that suit its range. */
    static int bucket(String raw) {
        if (raw == null) {
            return 1;
        }
        return switch (raw) {
            case "1" -> 1;
            case "5" -> 5;
            case "15" -> 15;
            case "60" -> 60;
            default ->
                throw new ApiError(
                        400,
                        "invalid_field",
                        "bucket",
                        "bucket must be 1, 5, 15 or 60 (minutes), got " + ApiError.quote(raw));
        };
    }

    void dependents(Context ctx) {
        Catalog c = catalog.current();
        String id = ctx.pathParam("id");
        CatalogEntry p = c.find(id)
                .orElseThrow(() -> new ApiError(404, "unknown_provider", "id", "unknown provider \"" + id + "\""));
        if (!p.isProvider()) {
            throw new ApiError(
                    404,
                    "unknown_provider",
                    "id",
                    "\"" + id + "\" is a service, not a provider; see /api/v1/services/" + id);
        }
        List<DependentView> direct = c.directDependents(id).stream()
                .map(d -> {
                    Dependency edge = d.dependsOn().stream()
                            .filter(x -> x.id().equals(id))
                            .findFirst()
                            .orElseThrow();
                    return new DependentView(d.id(), d.kind(), d.name(), d.category(), edge.evidence(), edge.source());
                })
                .toList();
        ctx.header("Cache-Control", CACHE);
        Json.send(
                ctx,
                200,
                new Dependents(
                        id,
                        direct,
                        c.allDependents(id).stream().map(CatalogEntry::id).toList()));
    }

    static int hours(String raw) {
        if (raw == null) {
            return 24;
        }
        // ASCII digits only, no leading zero: Integer.parseInt also takes "٢٤" and "024", bucket does not
        if (raw.matches("[1-9][0-9]{0,2}")) {
            int h = Integer.parseInt(raw);
            if (h <= 168) {
                return h;
            }
        }
        throw new ApiError(
                400,
                "invalid_field",
                "hours",
                "hours must be a whole number from 1 to 168, got " + ApiError.quote(raw));
    }

    private static <T> T optional(Context ctx, String name, java.util.function.Function<String, T> parse) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid_field", name, e.getMessage());
        }
    }
}
