package org.epicenter.server;

import java.util.List;
import java.util.Map;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.probe.ProbeBoard;

/**
 * Everything the server tells the event stream, one record per event with its wire name (the SSE
 * event name) and its payload (the JSON data). {@link #TYPES} lists every wire name; tests hold the
 * OpenAPI document, the docs and the page script to it.
 */
public sealed interface Event {
    /** The wire name: the SSE {@code event:} field. */
    String type();

    /** The payload, written as the SSE {@code data:} JSON. */
    Object data();

    /** Every wire name, in the order of the records below. */
    List<String> TYPES = List.of(
            "incident.opened",
            "incident.confirmed",
            "incident.updated",
            "incident.resolved",
            "incident.dropped",
            "incident.acknowledged",
            "service.status",
            "probe.status",
            "probe.backup",
            "probe.backup.cleared",
            "official.status",
            "official.unreachable",
            "official.reachable",
            "cause.opened",
            "cause.updated",
            "cause.resolved",
            "social.posts");

    record IncidentOpened(DetectedIncident data) implements Event {
        public String type() {
            return "incident.opened";
        }
    }

    record IncidentConfirmed(DetectedIncident data) implements Event {
        public String type() {
            return "incident.confirmed";
        }
    }

    record IncidentUpdated(DetectedIncident data) implements Event {
        public String type() {
            return "incident.updated";
        }
    }

    record IncidentResolved(DetectedIncident data) implements Event {
        public String type() {
            return "incident.resolved";
        }
    }

    /** A suspicion that faded, or a one-country incident now covered by a global one of the service. */
    record IncidentDropped(DetectedIncident data) implements Event {
        public String type() {
            return "incident.dropped";
        }
    }

    /** An official page acknowledged an incident Epicenter found: {service, start, confirmed, official}. */
    record IncidentAcknowledged(Map<String, Object> data) implements Event {
        public String type() {
            return "incident.acknowledged";
        }
    }

    record ServiceStatusChanged(LiveDetection.ServiceStatus data) implements Event {
        public String type() {
            return "service.status";
        }
    }

    record ProbeStatusChanged(ProbeService.ProbeStatus data) implements Event {
        public String type() {
            return "probe.status";
        }
    }

    record BackupFound(ProbeBoard.BackupFinding data) implements Event {
        public String type() {
            return "probe.backup";
        }
    }

    record BackupCleared(ProbeBoard.BackupFinding data) implements Event {
        public String type() {
            return "probe.backup.cleared";
        }
    }

    record OfficialStatusChanged(FeedService.OfficialStatus data) implements Event {
        public String type() {
            return "official.status";
        }
    }

    record OfficialUnreachable(FeedService.FeedView data) implements Event {
        public String type() {
            return "official.unreachable";
        }
    }

    record OfficialReachable(FeedService.FeedView data) implements Event {
        public String type() {
            return "official.reachable";
        }
    }

    record CauseOpened(IncidentBook.CauseView data) implements Event {
        public String type() {
            return "cause.opened";
        }
    }

    record CauseUpdated(IncidentBook.CauseView data) implements Event {
        public String type() {
            return "cause.updated";
        }
    }

    record CauseResolved(IncidentBook.CauseView data) implements Event {
        public String type() {
            return "cause.resolved";
        }
    }

    /** {@code {service, people, since, at}}: enough people posted that a service is down. */
    record SocialPosts(Map<String, Object> data) implements Event {
        public String type() {
            return "social.posts";
        }
    }
}
