package org.epicenter.server.http;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.server.LiveDetection;
import org.epicenter.server.admin.CatalogAdmin;

/** {@code GET /api/v1/incidents[?state=open|resolved][&service=id]}: confirmed incidents, newest first. */
final class IncidentRoutes {
    private final CatalogAdmin catalog;
    private final LiveDetection detection;

    IncidentRoutes(CatalogAdmin catalog, LiveDetection detection) {
        this.catalog = catalog;
        this.detection = detection;
    }

    void list(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !state.equals("open") && !state.equals("resolved")) {
            throw new ApiError(400, "invalid_field", "state", "state must be open or resolved, got \"" + state + "\"");
        }
        String service = ctx.queryParam("service");
        if (service != null && !catalog.current().contains(service)) {
            throw new ApiError(404, "unknown_service", "service", "unknown service \"" + service + "\"");
        }
        List<DetectedIncident> incidents = detection.incidents().stream()
                .filter(i -> state == null || (state.equals("open") == (i.end() == null)))
                .filter(i -> service == null || i.service().equals(service))
                .sorted(Comparator.comparing(DetectedIncident::start).reversed())
                .toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("incidents", incidents));
    }
}
