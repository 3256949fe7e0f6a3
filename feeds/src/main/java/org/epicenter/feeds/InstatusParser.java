package org.epicenter.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;

/**
 * Instatus pages, {@code /summary.json}: the page's overall status, its active incidents (status
 * and impact in capitals: INVESTIGATING, MAJOROUTAGE...) and active maintenances. The summary lists
 * no components.
 */
public final class InstatusParser implements FeedParser {
    @Override
    public String format() {
        return "instatus";
    }

    @Override
    public FeedSnapshot parse(byte[] body) throws FeedFormatException {
        JsonNode root = JsonFields.tree(body);
        JsonNode page = root.get("page");
        if (page == null || !page.isObject()) {
            throw new FeedFormatException("page: missing (expected the page object of an Instatus summary.json)");
        }
        JsonFields.text(page, "status", "page.", true);
        var incidents = new ArrayList<FeedSnapshot.Incident>();
        JsonNode active = JsonFields.array(root, "activeIncidents", "", false);
        for (int i = 0; i < active.size(); i++) {
            JsonNode n = active.get(i);
            String at = "activeIncidents[" + i + "].";
            String status = JsonFields.text(n, "status", at, true);
            var started = JsonFields.time(n, "started", at, true);
            incidents.add(new FeedSnapshot.Incident(
                    JsonFields.text(n, "id", at, true),
                    JsonFields.text(n, "name", at, true),
                    status.toLowerCase(java.util.Locale.ROOT),
                    impact(JsonFields.text(n, "impact", at, false), at + "impact"),
                    started,
                    started,
                    status.equals("RESOLVED") ? started : null,
                    JsonFields.text(n, "url", at, false),
                    false,
                    null,
                    null,
                    List.of(),
                    List.of()));
        }
        JsonNode maintenances = JsonFields.array(root, "activeMaintenances", "", false);
        for (int i = 0; i < maintenances.size(); i++) {
            JsonNode n = maintenances.get(i);
            String at = "activeMaintenances[" + i + "].";
            var start = JsonFields.time(n, "start", at, true);
            String minutes = n.path("duration").asText("");
            var until = minutes.matches("\\d{1,6}") ? start.plusSeconds(60L * Long.parseLong(minutes)) : null;
            incidents.add(new FeedSnapshot.Incident(
                    JsonFields.text(n, "id", at, true),
                    JsonFields.text(n, "name", at, true),
                    JsonFields.text(n, "status", at, true).toLowerCase(java.util.Locale.ROOT),
                    OfficialState.MAINTENANCE,
                    start,
                    start,
                    null,
                    JsonFields.text(n, "url", at, false),
                    true,
                    start,
                    until,
                    List.of(),
                    List.of()));
        }
        incidents.sort((a, b) -> b.created().compareTo(a.created()));
        return new FeedSnapshot(List.of(), incidents);
    }

    static OfficialState impact(String impact, String where) throws FeedFormatException {
        if (impact == null) {
            return OfficialState.DEGRADED;
        }
        return switch (impact) {
            case "OPERATIONAL" -> OfficialState.OPERATIONAL;
            case "DEGRADEDPERFORMANCE" -> OfficialState.DEGRADED;
            case "PARTIALOUTAGE" -> OfficialState.PARTIAL_OUTAGE;
            case "MAJOROUTAGE" -> OfficialState.MAJOR_OUTAGE;
            case "UNDERMAINTENANCE" -> OfficialState.MAINTENANCE;
            default ->
                throw new FeedFormatException(where + ": unknown impact \"" + impact
                        + "\" (OPERATIONAL, DEGRADEDPERFORMANCE, PARTIALOUTAGE, MAJOROUTAGE, UNDERMAINTENANCE)");
        };
    }
}
