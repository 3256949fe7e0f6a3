package org.epicenter.detect;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A confirmed incident on one service, as the detector reports it.
 *
 * @param start             back-dated to the onset of the rise
 * @param end               first quiet minute, or null while open
 * @param baselinePerMinute what was expected in the peak minute
 * @param countries         countries by report count, largest first ("ZZ" = unknown)
 * @param scope             regional when two countries or fewer hold 80% of located reports, else global
 * @param problems          reports by problem type during the incident, most reported first
 * @param evidence          the strongest minute in words
 * @param phase             suspected, confirmed, recovering (quiet for a while, not yet resolved) or resolved
 */
public record DetectedIncident(
        String service,
        Instant start,
        Instant confirmed,
        Instant end,
        Instant peakTime,
        long peakPerMinute,
        double baselinePerMinute,
        List<String> countries,
        Scope scope,
        Map<String, Long> problems,
        String evidence,
        String phase) {
    /** Without a phase of its own (probes, official pages): resolved once ended, else confirmed or suspected. */
    public DetectedIncident(
            String service,
            Instant start,
            Instant confirmed,
            Instant end,
            Instant peakTime,
            long peakPerMinute,
            double baselinePerMinute,
            List<String> countries,
            Scope scope,
            Map<String, Long> problems,
            String evidence) {
        this(
                service,
                start,
                confirmed,
                end,
                peakTime,
                peakPerMinute,
                baselinePerMinute,
                countries,
                scope,
                problems,
                evidence,
                end != null ? "resolved" : confirmed != null ? "confirmed" : "suspected");
    }

    /** The incident's name among all incidents. */
    public IncidentKey key() {
        return IncidentKey.of(this);
    }

    /** Open and quiet for a while: reports are back to normal, the incident is not yet resolved. */
    public boolean recovering() {
        return "recovering".equals(phase);
    }

    /** Whether the two overlap in time (an open incident runs on): whatever their services. */
    public boolean overlaps(DetectedIncident other) {
        return (end == null || other.start.isBefore(end)) && (other.end == null || start.isBefore(other.end));
    }
}
