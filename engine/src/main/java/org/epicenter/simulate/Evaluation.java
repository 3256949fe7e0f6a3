package org.epicenter.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.detect.DetectedIncident;

/**
 * Scores detected incidents against a scenario's truth.
 * <ul>
 *   <li>An outage counts for recall when it is at least 5x its baseline and lasts at least 10 minutes;
 *       it is found when a confirmed incident of the same service overlaps it.</li>
 *   <li>The delay is from the outage's start to the incident's confirmation.</li>
 *   <li>The pieces of a found outage are the confirmed incidents of its service that overlap it
 *       (one is right; an outage that flaps must not become several); its end gap is from the
 *       outage's end to the end of the last of them (negative: ended early).</li>
 *   <li>An incident that overlaps no outage of its service (outages extended by 30 minutes of
 *       recovery tail) is false; one that overlaps a decoy is also a decoy failure.</li>
 * </ul>
 */
public final class Evaluation {
    /**
     * @param delays          seconds from outage start to confirmation, one per found outage
     * @param serviceMonths   services x days / 30
     */
    public record Result(
            int outages,
            int found,
            List<Long> delays,
            int falseIncidents,
            int decoyIncidents,
            double serviceMonths,
            List<String> missed,
            List<String> falseOnes,
            java.util.Map<String, List<Long>> delaysByLabel,
            int attributable,
            int attributed,
            List<String> misattributed,
            int pieces,
            List<Long> endGaps) {
        public double recall() {
            return outages == 0 ? 1 : (double) found / outages;
        }

        public double falsePerServiceMonth() {
            return falseIncidents / serviceMonths;
        }
    }

    private static final Duration TAIL = Duration.ofMinutes(30);

    private Evaluation() {}

    public static Result score(Scenario s, List<DetectedIncident> incidents) {
        return score(s, incidents, i -> null);
    }

    /**
     * As {@link #score(Scenario, List)}, and attribution too: an outage with a cause is attributed
     * right when an incident of its service that overlaps it names that provider as its epicenter;
     * an outage whose cause is "" (a coincidence) must have none.
     *
     * @param epicenter the provider each incident is attributed to, or null
     */
    public static Result score(
            Scenario s,
            List<DetectedIncident> incidents,
            java.util.function.Function<DetectedIncident, String> epicenter) {
        int attributable = 0;
        int attributed = 0;
        var misattributed = new ArrayList<String>();
        for (Scenario.Outage o : s.outages()) {
            if (o.cause() == null) {
                continue;
            }
            var named = incidents.stream()
                    .filter(i -> i.service().equals(o.service()) && overlaps(i, o.start(), o.end()))
                    .map(epicenter)
                    .filter(java.util.Objects::nonNull)
                    .distinct()
                    .toList();
            if (o.cause().isEmpty()) {
                if (!named.isEmpty()) {
                    misattributed.add(o.label() + ":" + o.service() + " merged into " + named);
                }
                continue;
            }
            attributable++;
            if (named.contains(o.cause())) {
                attributed++;
            } else {
                misattributed.add(o.label() + ":" + o.service() + "@" + o.start() + " named " + named);
            }
        }
        int eligible = 0;
        int found = 0;
        var delays = new ArrayList<Long>();
        var missed = new ArrayList<String>();
        var byLabel = new java.util.TreeMap<String, List<Long>>();
        int pieces = 0;
        var endGaps = new ArrayList<Long>();
        for (Scenario.Outage o : s.outages()) {
            if (o.multiple() < 5 || o.duration().compareTo(Duration.ofMinutes(10)) < 0) {
                continue;
            }
            eligible++;
            DetectedIncident hit = incidents.stream()
                    .filter(i -> i.service().equals(o.service()) && overlaps(i, o.start(), o.end()))
                    .findFirst()
                    .orElse(null);
            if (hit == null) {
                missed.add(o.label() + ":" + o.service() + "@" + o.start());
            } else {
                found++;
                var overlapping = incidents.stream()
                        .filter(i -> i.service().equals(o.service())
                                && i.confirmed() != null
                                && overlaps(i, o.start(), o.end()))
                        .toList();
                pieces += overlapping.size();
                Instant lastEnd = overlapping.stream()
                        .map(i -> i.end() == null ? Instant.MAX : i.end())
                        .max(Instant::compareTo)
                        .orElseThrow();
                if (!lastEnd.equals(Instant.MAX)) {
                    endGaps.add(Duration.between(o.end(), lastEnd).toSeconds());
                }
                long delay =
                        Math.max(0, Duration.between(o.start(), hit.confirmed()).toSeconds());
                delays.add(delay);
                byLabel.computeIfAbsent(o.label(), k -> new ArrayList<>()).add(delay);
            }
        }
        int falseIncidents = 0;
        int decoyIncidents = 0;
        var falseOnes = new ArrayList<String>();
        for (DetectedIncident i : incidents) {
            boolean real = s.outages().stream()
                    .anyMatch(o -> o.service().equals(i.service())
                            && overlaps(i, o.start(), o.end().plus(TAIL)));
            if (!real) {
                falseIncidents++;
                falseOnes.add(i.service() + "@" + i.start() + " peak " + i.peakPerMinute() + "/min vs "
                        + i.baselinePerMinute());
                boolean decoy = s.decoys().stream()
                        .anyMatch(d -> d.service().equals(i.service())
                                && overlaps(
                                        i,
                                        d.start(),
                                        d.start().plus(d.duration()).plus(TAIL)));
                if (decoy) {
                    decoyIncidents++;
                }
            }
        }
        return new Result(
                eligible,
                found,
                delays,
                falseIncidents,
                decoyIncidents,
                s.services().size() * s.days() / 30.0,
                missed,
                falseOnes,
                byLabel,
                attributable,
                attributed,
                misattributed,
                pieces,
                endGaps);
    }

    private static boolean overlaps(DetectedIncident i, Instant from, Instant to) {
        Instant end = i.end() == null ? Instant.MAX : i.end();
        return i.start().isBefore(to) && end.isAfter(from);
    }
}
