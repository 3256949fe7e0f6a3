package org.epicenter.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;

/**
 * Google Cloud's {@code https://status.cloud.google.com/incidents.json}: a list of incidents, old and
 * current, each naming the products and locations it touches; no components. An incident without
 * {@code end} is open. An incident's time is when Google posted it ({@code created}), not the
 * back-dated {@code begin}: it is the moment of official acknowledgement.
 */
public final class GoogleCloudParser implements FeedParser {
    private static final String SITE = "https://status.cloud.google.com/";

    @Override
    public String format() {
        return "google-cloud";
    }

    @Override
    public FeedSnapshot parse(byte[] body) throws FeedFormatException {
        JsonNode root = JsonFields.tree(body, false);
        var incidents = new ArrayList<FeedSnapshot.Incident>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            String at = "[" + i + "].";
            if (!n.isObject()) {
                throw new FeedFormatException("[" + i + "]: expected an object, got "
                        + n.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            Instant begin = JsonFields.time(n, "begin", at, true);
            Instant posted = JsonFields.time(n, "created", at, false); // when Google said it: the acknowledgement
            Instant end = JsonFields.time(n, "end", at, false);
            var updates = new ArrayList<FeedSnapshot.Update>();
            JsonNode ups = JsonFields.array(n, "updates", at, false);
            for (int j = 0; j < ups.size(); j++) {
                String uat = at + "updates[" + j + "].";
                updates.add(new FeedSnapshot.Update(
                        JsonFields.time(ups.get(j), "when", uat, true),
                        JsonFields.text(ups.get(j), "status", uat, true).toLowerCase(Locale.ROOT),
                        JsonFields.text(ups.get(j), "text", uat, false)));
            }
            updates.sort((a, b) -> b.at().compareTo(a.at()));
            var affected = new ArrayList<String>();
            names(n, "affected_products", at, affected);
            names(n, "currently_affected_locations", at, affected);
            names(n, "previously_affected_locations", at, affected);
            String uri = JsonFields.text(n, "uri", at, false);
            String state = end != null
                    ? "resolved"
                    : updates.isEmpty() ? "open" : updates.get(0).state();
            incidents.add(new FeedSnapshot.Incident(
                    JsonFields.text(n, "id", at, true),
                    JsonFields.text(n, "external_desc", at, true).strip(),
                    state,
                    impact(JsonFields.text(n, "status_impact", at, true), at + "status_impact"),
                    posted == null ? begin : posted,
                    JsonFields.time(n, "modified", at, false),
                    end,
                    uri == null ? null : uri.startsWith("http") ? uri : SITE + uri,
                    false,
                    null,
                    null,
                    updates,
                    affected));
        }
        incidents.sort((a, b) -> b.created().compareTo(a.created()));
        return new FeedSnapshot(List.of(), incidents);
    }

    /** Titles and ids of a list of {@code {"title", "id"}} (products, locations). */
    private static void names(JsonNode n, String field, String at, List<String> out) throws FeedFormatException {
        JsonNode list = JsonFields.array(n, field, at, false);
        for (int i = 0; i < list.size(); i++) {
            String where = at + field + "[" + i + "].";
            String title = JsonFields.text(list.get(i), "title", where, true);
            if (!out.contains(title)) {
                out.add(title);
            }
            String id = JsonFields.text(list.get(i), "id", where, false);
            if (id != null && !out.contains(id)) {
                out.add(id);
            }
        }
    }

    static OfficialState impact(String value, String where) throws FeedFormatException {
        return switch (value) {
            case "SERVICE_OUTAGE" -> OfficialState.MAJOR_OUTAGE;
            case "SERVICE_DISRUPTION" -> OfficialState.PARTIAL_OUTAGE;
            case "SERVICE_INFORMATION" -> OfficialState.DEGRADED;
            default ->
                throw new FeedFormatException(where + ": unknown impact \"" + value
                        + "\" (SERVICE_OUTAGE, SERVICE_DISRUPTION, SERVICE_INFORMATION)");
        };
    }
}
