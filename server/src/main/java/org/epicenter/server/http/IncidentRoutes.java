package org.epicenter.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.server.FeedService;
import org.epicenter.server.LiveDetection;
import org.epicenter.server.ProbeService;
import org.epicenter.server.admin.CatalogAdmin;

/**
 * {@code GET /api/v1/incidents[?state=open|resolved][&service=id]}: confirmed incidents, newest first,
 * from reports, probes and official status pages, each naming the signals that support it.
 */
final class IncidentRoutes {
    private final CatalogAdmin catalog;
    private final LiveDetection detection;
    private final ProbeService probes;
    private final FeedService feeds;

    /**
     * An incident with the signals that support it: {@code reports} (the crowd), {@code probes} when
     * the service's own probes failed during it, {@code official} when its status page acknowledged it.
     *
     * @param official          the first official post about it and how long after Epicenter's confirmation it came; null if none
     * @param duringMaintenance true when it overlaps a maintenance window the page announced (its reports are labelled, not hidden)
     */
    record IncidentView(@com.fasterxml.jackson.annotation.JsonUnwrapped DetectedIncident incident, List<String> signals,
                        FeedService.Official official, boolean duringMaintenance) {
    }

    IncidentRoutes(CatalogAdmin catalog, LiveDetection detection, ProbeService probes, FeedService feeds) {
        this.catalog = catalog;
        this.detection = detection;
        this.probes = probes;
        this.feeds = feeds;
    }

    private IncidentView view(DetectedIncident i, boolean fromReports) {
        var signals = new ArrayList<String>();
        if (fromReports) {
            signals.add("reports");
            var entry = catalog.current().find(i.service());
            if (probes.outageDuring(i.service(), i.start(), i.end()) || entry.isPresent() && probes.supports(entry.get(), i.start(), i.end())) {
                signals.add("probes");
            }
        } else {
            signals.add("probes");
        }
        Optional<FeedService.Official> ack = feeds.acknowledgement(i);
        ack.ifPresent(a -> signals.add("official"));
        return new IncidentView(i, List.copyOf(signals), ack.orElse(null), duringMaintenance(i));
    }

    private boolean duringMaintenance(DetectedIncident i) {
        return !feeds.maintenance(i.service(), i.start(), i.end() == null ? Instant.MAX : i.end()).isEmpty();
    }

    private static boolean overlaps(DetectedIncident a, DetectedIncident b) {
        return a.service().equals(b.service()) && a.start().isBefore(b.end() == null ? Instant.MAX : b.end())
                && (a.end() == null || a.end().isAfter(b.start()));
    }

    /**
     * Incidents from reports, each with its signals; outages the probes found while the crowd was
     * quiet, with signals ["probes"]; rising reports that an official outage confirms (the official
     * word is evidence: the suspicion is confirmed when the page posted); and official outages
     * nothing else found, with signals ["official"].
     */
    List<IncidentView> all() {
        List<DetectedIncident> reported = new ArrayList<>(detection.incidents());
        var out = new ArrayList<IncidentView>();
        reported.forEach(i -> out.add(view(i, true)));
        List<DetectedIncident> official = feeds.outages();
        for (DetectedIncident s : detection.suspicions()) {
            official.stream().filter(o -> overlaps(o, s)).map(DetectedIncident::start).min(Comparator.naturalOrder()).ifPresent(posted -> {
                Instant confirmed = posted.isAfter(s.start()) ? posted : s.start();
                var promoted = new DetectedIncident(s.service(), s.start(), confirmed, s.end(), s.peakTime(), s.peakPerMinute(),
                        s.baselinePerMinute(), s.countries(), s.scope(), s.problems(), s.evidence() + "; confirmed by the official status page");
                reported.add(promoted);
                out.add(view(promoted, true));
            });
        }
        var found = new ArrayList<>(reported);
        for (DetectedIncident o : probes.outages()) {
            if (reported.stream().noneMatch(i -> overlaps(i, o))) {
                out.add(view(o, false));
                found.add(o);
            }
        }
        for (DetectedIncident o : official) {
            if (found.stream().noneMatch(i -> overlaps(i, o))) {
                out.add(new IncidentView(o, List.of("official"), null, duringMaintenance(o)));
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
