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
 * @param scope             "regional" when two countries or fewer hold 80% of located reports, else "global"
 * @param problems          reports by problem type during the incident, most reported first
 * @param evidence          the strongest minute in words
 */
public record DetectedIncident(String service, Instant start, Instant confirmed, Instant end, Instant peakTime,
                               long peakPerMinute, double baselinePerMinute, List<String> countries, String scope,
                               Map<String, Long> problems, String evidence) {
}
