package org.epicenter.server.http;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.server.LiveDetection;
import org.epicenter.server.admin.CatalogAdmin;

/**
 * {@code GET /api/v1/incidents[?state=open|resolved][&service=id]}: confirmed incidents, newest first,
 * from reports and from probes, each naming the signals that support it.
 */
final class IncidentRoutes {
    private final CatalogAdmin catalog;
    private final LiveDetection detection;
    private final org.epicenter.server.ProbeService probes;

    /**
     * An incident with the signals that support it: {@code reports} (the crowd; every incident so far
     * is found from reports) and {@code probes} when the service's own probes failed during it.
     */
    record IncidentView(@com.fasterxml.jackson.annotation.JsonUnwrapped DetectedIncident incident, List<String> signals) {
    }

    IncidentRoutes(CatalogAdmin catalog, LiveDetection detection, org.epicenter.server.ProbeService probes) {
        this.catalog = catalog;
        this.detection = detection;
        this.probes = probes;
    }

    private IncidentView view(DetectedIncident i) {
        var entry = catalog.current().find(i.service());
        boolean probed = probes.outageDuring(i.service(), i.start(), i.end())
                || entry.isPresent() && probes.supports(entry.get(), i.start(), i.end());
        return new IncidentView(i, probed ? List.of("reports", "probes") : List.of("reports"));
    }

    /**
     * Incidents from reports, each with its signals, and outages the probes found while the crowd
     * was quiet (no report incident of the same service overlaps them), with signals ["probes"].
     */
    List<IncidentView> all() {
        List<DetectedIncident> reported = detection.incidents();
        var out = new java.util.ArrayList<IncidentView>();
        reported.forEach(i -> out.add(view(i)));
        for (DetectedIncident o : probes.outages()) {
            boolean covered = reported.stream().anyMatch(i -> i.service().equals(o.service())
                    && i.start().isBefore(o.end() == null ? java.time.Instant.MAX : o.end())
                    && (i.end() == null || i.end().isAfter(o.start())));
            if (!covered) {
                out.add(new IncidentView(o, List.of("probes")));
            }
        }
        return out;
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
        List<IncidentView> incidents = all().stream()
                .filter(v -> state == null || (state.equals("open") == (v.incident().end() == null)))
                .filter(v -> service == null || v.incident().service().equals(service))
                .sorted(Comparator.comparing((IncidentView v) -> v.incident().start()).reversed())
                .toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("incidents", incidents));
    }
}
