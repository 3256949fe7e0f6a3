package org.epicenter.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;

/**
 * Atlassian Statuspage v2 {@code /api/v2/summary.json} (incident.io serves the same shape):
 * components with their status, unresolved incidents with their updates, and scheduled maintenances.
 * Also {@code /api/v2/incidents.json}: the last incidents, resolved ones included, without components.
 */
public final class StatuspageParser implements FeedParser {
    @Override
    public String format() {
        return "statuspage";
    }

    @Override
    public FeedSnapshot parse(byte[] body) throws FeedFormatException {
        JsonNode root = JsonFields.tree(body);
        if (!root.has("components") && !root.has("incidents")) {
            throw new FeedFormatException(
                    "components: missing (expected a list; incidents.json has incidents instead)");
        }
        var components = new ArrayList<FeedSnapshot.Component>();
        JsonNode list = JsonFields.array(root, "components", "", false);
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = "components[" + i + "].";
            if (c.path("group").asBoolean(false)) {
                continue; // a group's status repeats its members'
            }
            components.add(new FeedSnapshot.Component(
                    JsonFields.text(c, "id", at, true),
                    JsonFields.text(c, "name", at, true),
                    componentState(JsonFields.text(c, "status", at, true), at + "status")));
        }
        var incidents = new ArrayList<FeedSnapshot.Incident>();
        incidents(root, "incidents", false, incidents);
        incidents(root, "scheduled_maintenances", true, incidents);
        incidents.sort((a, b) -> b.created().compareTo(a.created()));
        return new FeedSnapshot(components, incidents);
    }

    private static void incidents(JsonNode root, String field, boolean maintenance, List<FeedSnapshot.Incident> out)
            throws FeedFormatException {
        JsonNode list = JsonFields.array(root, field, "", false);
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = field + "[" + i + "].";
            var updates = new ArrayList<FeedSnapshot.Update>();
            JsonNode ups = JsonFields.array(n, "incident_updates", at, false);
            for (int j = 0; j < ups.size(); j++) {
                String uat = at + "incident_updates[" + j + "].";
                updates.add(new FeedSnapshot.Update(
                        JsonFields.time(ups.get(j), "created_at", uat, true),
                        JsonFields.text(ups.get(j), "status", uat, true),
                        JsonFields.text(ups.get(j), "body", uat, false)));
            }
            updates.sort((a, b) -> b.at().compareTo(a.at()));
            String impact = JsonFields.text(n, "impact", at, false);
            out.add(new FeedSnapshot.Incident(
                    JsonFields.text(n, "id", at, true),
                    JsonFields.text(n, "name", at, true),
                    JsonFields.text(n, "status", at, true),
                    maintenance ? OfficialState.MAINTENANCE : impactState(impact, at + "impact"),
                    JsonFields.time(n, "created_at", at, true),
                    JsonFields.time(n, "updated_at", at, false),
                    JsonFields.time(n, "resolved_at", at, false),
                    JsonFields.text(n, "shortlink", at, false),
                    maintenance,
                    JsonFields.time(n, "scheduled_for", at, false),
                    JsonFields.time(n, "scheduled_until", at, false),
                    updates,
                    affected(n, at)));
        }
    }

    /** The components an incident names (optional in the format). */
    private static List<String> affected(JsonNode incident, String at) throws FeedFormatException {
        JsonNode list = JsonFields.array(incident, "components", at, false);
        var out = new ArrayList<String>();
        for (int i = 0; i < list.size(); i++) {
            out.add(JsonFields.text(list.get(i), "name", at + "components[" + i + "].", true));
        }
        return out;
    }

    static OfficialState componentState(String status, String where) throws FeedFormatException {
        return switch (status) {
            case "operational" -> OfficialState.OPERATIONAL;
            case "degraded_performance" -> OfficialState.DEGRADED;
            case "partial_outage" -> OfficialState.PARTIAL_OUTAGE;
            case "major_outage" -> OfficialState.MAJOR_OUTAGE;
            case "under_maintenance" -> OfficialState.MAINTENANCE;
            default ->
                throw new FeedFormatException(where + ": unknown component status \"" + status
                        + "\" (operational, degraded_performance, partial_outage, major_outage, under_maintenance)");
        };
    }

    static OfficialState impactState(String impact, String where) throws FeedFormatException {
        if (impact == null) {
            return OfficialState.DEGRADED;
        }
        return switch (impact) {
            case "none" -> OfficialState.OPERATIONAL;
            case "minor" -> OfficialState.DEGRADED;
            case "major" -> OfficialState.PARTIAL_OUTAGE;
            case "critical" -> OfficialState.MAJOR_OUTAGE;
            case "maintenance" -> OfficialState.MAINTENANCE;
            default ->
                throw new FeedFormatException(
                        where + ": unknown impact \"" + impact + "\" (none, minor, major, critical, maintenance)");
        };
    }
}
