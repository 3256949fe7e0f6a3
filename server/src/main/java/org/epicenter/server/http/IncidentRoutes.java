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

    IncidentRoutes(CatalogAdmin catalog, IncidentBook book) {
        this.catalog = catalog;
        this.book = book;
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
        Json.send(ctx, 200, Map.of("causes", causes));
    }
}
