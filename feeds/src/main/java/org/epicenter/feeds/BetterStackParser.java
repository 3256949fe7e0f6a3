package org.epicenter.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;

/**
 * Better Stack (Better Uptime) status pages, {@code /index.json}: a JSON:API document whose
 * {@code included} list holds the page's resources ({@code status_page_resource}, with a status) and
 * its reports ({@code status_report}: manual, automatic or maintenance, with a start, an end and an
 * aggregate state).
 */
public final class BetterStackParser implements FeedParser {
    @Override
    public String format() {
        return "betterstack";
    }

    @Override
    public FeedSnapshot parse(byte[] body) throws FeedFormatException {
        JsonNode root = JsonFields.tree(body);
        JsonNode data = root.get("data");
        if (data == null
                || !data.isObject()
                || !"status_page".equals(data.path("type").asText())) {
            throw new FeedFormatException("data: expected the status_page object of a Better Stack index.json");
        }
        var components = new ArrayList<FeedSnapshot.Component>();
        var incidents = new ArrayList<FeedSnapshot.Incident>();
        JsonNode included = JsonFields.array(root, "included", "", false);
        for (int i = 0; i < included.size(); i++) {
            JsonNode item = included.get(i);
            String at = "included[" + i + "].";
            String type = JsonFields.text(item, "type", at, true);
            JsonNode attributes = item.get("attributes");
            if (attributes == null || !attributes.isObject()) {
                throw new FeedFormatException(at + "attributes: missing");
            }
            String aat = at + "attributes.";
            switch (type) {
                case "status_page_resource" -> {
                    String status = JsonFields.text(attributes, "status", aat, true);
                    if (!status.equals("not_monitored")) {
                        components.add(new FeedSnapshot.Component(
                                JsonFields.text(item, "id", at, true),
                                JsonFields.text(attributes, "public_name", aat, true),
                                state(status, aat + "status")));
                    }
                }
                case "status_report" -> {
                    String kind = JsonFields.text(attributes, "report_type", aat, false);
                    boolean maintenance = "maintenance".equals(kind);
                    var starts = JsonFields.time(attributes, "starts_at", aat, true);
                    var ends = JsonFields.time(attributes, "ends_at", aat, false);
                    String aggregate = JsonFields.text(attributes, "aggregate_state", aat, false);
                    OfficialState impact = maintenance
                            ? OfficialState.MAINTENANCE
                            : aggregate == null ? OfficialState.DEGRADED : state(aggregate, aat + "aggregate_state");
                    boolean over = ends != null && !maintenance;
                    incidents.add(new FeedSnapshot.Incident(
                            JsonFields.text(item, "id", at, true),
                            JsonFields.text(attributes, "title", aat, true),
                            over ? "resolved" : maintenance ? "scheduled" : "open",
                            impact,
                            starts,
                            starts,
                            over ? ends : null,
                            null,
                            maintenance,
                            maintenance ? starts : null,
                            maintenance ? ends : null,
                            java.util.List.of(),
                            java.util.List.of()));
                }
                default -> {
                    // sections, status updates and the like: nothing we need
                }
            }
        }
        incidents.sort((a, b) -> b.created().compareTo(a.created()));
        return new FeedSnapshot(components, incidents);
    }

    static OfficialState state(String s, String where) throws FeedFormatException {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "operational" -> OfficialState.OPERATIONAL;
            case "degraded" -> OfficialState.DEGRADED;
            case "downtime" -> OfficialState.MAJOR_OUTAGE;
            case "maintenance" -> OfficialState.MAINTENANCE;
            default ->
                throw new FeedFormatException(
                        where + ": unknown state \"" + s + "\" (operational, degraded, downtime, maintenance)");
        };
    }
}
