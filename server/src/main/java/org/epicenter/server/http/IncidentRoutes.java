package org.epicenter.server.http;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.epicenter.server.IncidentBook;
import org.epicenter.server.admin.CatalogAdmin;

/**
 * {@code GET /api/v1/incidents[?state=open|resolved][&service=id]}: confirmed incidents, newest first,
 * from reports, probes and official status pages, each naming the signals that support it and its
 * likely epicenter; {@code GET /api/v1/causes[?state=open|resolved]}: the common causes.
 */
final class IncidentRoutes {
    private final CatalogAdmin catalog;
    private final IncidentBook book;
    private final org.epicenter.server.Reports reports;

    IncidentRoutes(CatalogAdmin catalog, IncidentBook book, org.epicenter.server.Reports reports) {
        this.catalog = catalog;
        this.book = book;
        this.reports = reports;
    }

    private static java.time.Instant startOf(Context ctx) {
        String raw = ctx.pathParam("start");
        try {
            return java.time.Instant.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(400, "invalid_field", "start", "start must be an ISO-8601 UTC time like 2025-11-18T11:20:00Z, got \"" + raw + "\"");
        }
    }

    private static void sendReport(Context ctx, org.epicenter.report.PostIncidentReport r) {
        String format = ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            Json.send(ctx, 200, r);
        } else if (format.equals("md") || format.equals("markdown")) {
            ctx.contentType("text/markdown; charset=utf-8").result(r.toMarkdown());
        } else {
            throw new ApiError(400, "invalid_field", "format", "format must be json or md, got \"" + format + "\"");
        }
    }

    /** {@code GET /api/v1/incidents/{service}/{start}/report[?format=md]}: the post-incident report of one incident. */
    void incidentReport(Context ctx) {
        String service = ctx.pathParam("service");
        var start = startOf(ctx);
        sendReport(ctx, reports.incident(service, start).orElseThrow(() -> new ApiError(404, "unknown_incident", "start",
                "no incident of \"" + service + "\" started at " + start)));
    }

    /** {@code GET /api/v1/causes/{provider}/{start}/report[?format=md]}: the post-incident report of a common cause. */
    void causeReport(Context ctx) {
        String provider = ctx.pathParam("provider");
        var start = startOf(ctx);
        sendReport(ctx, reports.cause(provider, start).orElseThrow(() -> new ApiError(404, "unknown_cause", "start",
                "no cause \"" + provider + "\" started at " + start)));
    }

    private static String state(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !state.equals("open") && !state.equals("resolved")) {
            throw new ApiError(400, "invalid_field", "state", "state must be open or resolved, got \"" + state + "\"");
        }
        return state;
    }

    void list(Context ctx) {
        String state = state(ctx);
        String service = ctx.queryParam("service");
        if (service != null && !catalog.current().contains(service)) {
            throw new ApiError(404, "unknown_service", "service", "unknown service \"" + service + "\"");
        }
        List<IncidentBook.View> incidents = book.all().stream()
                .filter(v -> state == null || (state.equals("open") == (v.incident().end() == null)))
                .filter(v -> service == null || v.incident().service().equals(service))
                .sorted(Comparator.comparing((IncidentBook.View v) -> v.incident().start()).reversed())
                .toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("incidents", incidents));
    }

    void causes(Context ctx) {
        String state = state(ctx);
        List<IncidentBook.CauseView> causes = book.causes().stream()
                .filter(c -> state == null || state.equals("open") == c.open()).toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("causes", causes, "candidateEdges", book.candidateEdges()));
    }
}
