package org.epicenter.feed;

import java.time.Instant;
import java.util.List;

/**
 * What one official feed says at one moment, in one shape for every format.
 *
 * @param components each component the page lists, with its state (empty for formats that have none, like RSS)
 * @param incidents  incidents and maintenance windows the page lists, newest first
 */
public record FeedSnapshot(List<Component> components, List<Incident> incidents) {
    public FeedSnapshot {
        components = List.copyOf(components);
        incidents = List.copyOf(incidents);
    }

    /** A component of the page ("CDN/Cache", "us-east-1 EC2"). */
    public record Component(String id, String name, OfficialState state) {}

    /**
     * An official incident or maintenance window.
     *
     * @param state       the page's own word (investigating, identified, monitoring, resolved, scheduled, in_progress, completed…)
     * @param impact      how bad the page says it is
     * @param resolved    when it ended; null while open
     * @param maintenance true for announced maintenance
     * @param from        maintenance: scheduled start (else null)
     * @param until       maintenance: scheduled end (else null)
     * @param affected    components, products or locations the page says it touches (empty when the page does not say)
     */
    public record Incident(
            String id,
            String title,
            String state,
            OfficialState impact,
            Instant created,
            Instant updated,
            Instant resolved,
            String link,
            boolean maintenance,
            Instant from,
            Instant until,
            List<Update> updates,
            List<String> affected) {
        public Incident {
            updates = List.copyOf(updates);
            affected = List.copyOf(affected);
        }
    }

    /** One posted update, newest first in {@link Incident#updates()}. */
    public record Update(Instant at, String state, String body) {}
}
