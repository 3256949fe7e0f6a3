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
import org.epicenter.server.LiveDetection;
import org.epicenter.model.MinuteCount;
import org.epicenter.server.admin.CatalogAdmin;
import org.epicenter.store.ReportStore;

/** Read API over the catalog and its report counts. Anonymous; cacheable for a few seconds. */
final class CatalogRoutes {
    static final String CACHE = "public, max-age=5";

    /** Counted reports over trailing windows ending now (the current minute included). */
    record Activity(long last5Minutes, long last15Minutes, long last60Minutes) {
    }

    /** @param status ok, suspected (reports rising) or problems (a confirmed incident is open), with its start */
    record ServiceView(@JsonUnwrapped CatalogEntry entry, Activity reports, List<String> dependents, String status,
                       Instant statusSince) {
    }

    /**
     * @param baseline  what the baseline expected in each minute (null until the service has been reported)
     * @param upperBand the count above which a minute is unusual (Poisson 99.9% quantile of the baseline)
     */
    record Series(String service, Instant from, Instant to, int stepSeconds, long[] counts, long total,
                  Map<String, Long> byCountry, Map<String, Long> byProblem, double[] baseline, long[] upperBand) {
    }

    record DependentView(String id, EntryKind kind, LocalizedName name, Category category, Evidence evidence, String source) {
    }

    record Dependents(String provider, List<DependentView> direct, List<String> all) {
    }

    private final CatalogAdmin catalog;
    private final ReportStore reports;
    private final LiveCounts live;
    private final LiveDetection detection;
    private final Clock clock;

    CatalogRoutes(CatalogAdmin catalog, ReportStore reports, LiveCounts live, LiveDetection detection, Clock clock) {
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
        return new Activity(live.sum(id, now - 4, now + 1), live.sum(id, now - 14, now + 1), live.sum(id, now - 59, now + 1));
    }

    private ServiceView view(Catalog c, CatalogEntry e, long now) {
        LiveDetection.ServiceStatus status = detection.statuses().get(e.id());
        return new ServiceView(e, activity(e.id(), now), c.directDependents(e.id()).stream().map(CatalogEntry::id).toList(),
                status == null ? "ok" : status.status(), status == null ? null : status.since());
    }

    private CatalogEntry entry(Catalog c, Context ctx) {
        String id = ctx.pathParam("id");
        return c.find(id).orElseThrow(() -> new ApiError(404, "unknown_service", "id", "unknown service \"" + id + "\""));
    }

    /** GET /api/v1/services[?category=&kind=]: busiest first (reports in the last 15 minutes), then catalog order. */
    void list(Context ctx) {
        Catalog c = catalog.current();
        Category category = optional(ctx, "category", Category::fromWire);
        EntryKind kind = optional(ctx, "kind", EntryKind::fromWire);
        long now = nowMinute();
        List<ServiceView> views = c.entries().stream()
                .filter(e -> category == null || e.category() == category)
                .filter(e -> kind == null || e.kind() == kind)
                .map(e -> view(c, e, now))
                .sorted(Comparator.comparingLong((ServiceView v) -> v.reports().last15Minutes()).reversed())
                .toList();
        ctx.header("Cache-Control", CACHE);
        Json.send(ctx, 200, Map.of("services", views));
    }

    void one(Context ctx) {
        Catalog c = catalog.current();
        ctx.header("Cache-Control", CACHE);
        Json.send(ctx, 200, view(c, entry(c, ctx), nowMinute()));
    }

    /** GET /api/v1/services/{id}/reports?hours=24: per-minute counts plus country and problem breakdowns. */
    void series(Context ctx) {
        CatalogEntry e = entry(catalog.current(), ctx);
        int hours = hours(ctx.queryParam("hours"));
        long to = nowMinute() + 1;
        long from = to - hours * 60L;
        long[] counts = new long[hours * 60];
        var byCountry = new TreeMap<String, Long>();
        var byProblem = new TreeMap<String, Long>();
        long total = 0;
        for (MinuteCount m : reports.minuteCounts(e.id(), from, to)) {
            counts[(int) (m.minute() - from)] += m.reports();
            byCountry.merge(m.country(), m.reports(), Long::sum);
            byProblem.merge(m.problem().wireName(), m.reports(), Long::sum);
            total += m.reports();
        }
        double[] baseline = null;
        long[] upper = null;
        if (detection.expected(e.id(), from).isPresent()) {
            baseline = new double[counts.length];
            upper = new long[counts.length];
            for (int i = 0; i < counts.length; i++) {
                double expected = detection.expected(e.id(), from + i).orElse(0);
                baseline[i] = Math.round(expected * 100) / 100.0;
                upper[i] = Poisson.upperQuantile(expected, 0.001);
            }
        }
        ctx.header("Cache-Control", CACHE);
        Json.send(ctx, 200, new Series(e.id(), Instant.ofEpochSecond(from * 60), Instant.ofEpochSecond(to * 60), 60,
                counts, total, byCountry, byProblem, baseline, upper));
    }

    void dependents(Context ctx) {
        Catalog c = catalog.current();
        String id = ctx.pathParam("id");
        CatalogEntry p = c.find(id).orElseThrow(() -> new ApiError(404, "unknown_provider", "id", "unknown provider \"" + id + "\""));
        if (!p.isProvider()) {
            throw new ApiError(404, "unknown_provider", "id", "\"" + id + "\" is a service, not a provider; see /api/v1/services/" + id);
        }
        List<DependentView> direct = c.directDependents(id).stream().map(d -> {
            Dependency edge = d.dependsOn().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            return new DependentView(d.id(), d.kind(), d.name(), d.category(), edge.evidence(), edge.source());
        }).toList();
        ctx.header("Cache-Control", CACHE);
        Json.send(ctx, 200, new Dependents(id, direct, c.allDependents(id).stream().map(CatalogEntry::id).toList()));
    }

    static int hours(String raw) {
        if (raw == null) {
            return 24;
        }
        try {
            int h = Integer.parseInt(raw);
            if (h >= 1 && h <= 168) {
                return h;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw new ApiError(400, "invalid_field", "hours", "hours must be a whole number from 1 to 168, got \"" + raw + "\"");
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
