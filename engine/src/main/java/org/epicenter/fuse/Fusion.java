package org.epicenter.fuse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.epicenter.detect.DetectedIncident;

/**
 * The signals fused into one list of incidents, each with the signal that found it. Pure: the same
 * inputs give the same list, live and in replay.
 * <ol>
 *   <li>every incident the reports found stands;</li>
 *   <li>a suspicion (rising reports) that an official outage overlaps is confirmed by it, at the
 *       later of the suspicion's start and the official post;</li>
 *   <li>an outage the probes found stands alone only when no report incident overlaps it (else it
 *       supports that one);</li>
 *   <li>an official outage stands alone only when nothing above overlaps it.</li>
 * </ol>
 * Overlap is per service: the same service, and times that intersect (an open end runs on). An
 * incident given twice (one official incident on two feeds of an entry) is listed once, the first time.
 */
public final class Fusion {
    private Fusion() {}

    /** An incident and the signal that found it. */
    public record Fused(DetectedIncident incident, Signal foundBy) {}

    private static boolean overlaps(DetectedIncident a, DetectedIncident b) {
        return a.service().equals(b.service()) && a.overlaps(b);
    }

    public static List<Fused> fuse(
            List<DetectedIncident> reported,
            List<DetectedIncident> suspicions,
            List<DetectedIncident> probeOutages,
            List<DetectedIncident> officialOutages) {
        var out = new ArrayList<Fused>();
        var byReports = new ArrayList<>(reported);
        reported.forEach(i -> out.add(new Fused(i, Signal.REPORTS)));
        for (DetectedIncident s : suspicions) {
            officialOutages.stream()
                    .filter(o -> overlaps(o, s))
                    .map(DetectedIncident::start)
                    .min(Comparator.naturalOrder())
                    .ifPresent(posted -> {
                        Instant confirmed = posted.isAfter(s.start()) ? posted : s.start();
                        var promoted = new DetectedIncident(
                                s.service(),
                                s.start(),
                                confirmed,
                                s.end(),
                                s.peakTime(),
                                s.peakPerMinute(),
                                s.baselinePerMinute(),
                                s.countries(),
                                s.scope(),
                                s.problems(),
                                s.evidence() + "; confirmed by the official status page");
                        byReports.add(promoted);
                        out.add(new Fused(promoted, Signal.REPORTS));
                    });
        }
        var found = new ArrayList<>(byReports);
        for (DetectedIncident o : probeOutages) {
            if (byReports.stream().noneMatch(i -> overlaps(i, o))) {
                out.add(new Fused(o, Signal.PROBES));
                found.add(o);
            }
        }
        for (DetectedIncident o : officialOutages) {
            if (found.stream().noneMatch(i -> overlaps(i, o))) {
                out.add(new Fused(o, Signal.OFFICIAL));
            }
        }
        var seen = new java.util.HashSet<DetectedIncident>();
        return out.stream().filter(f -> seen.add(f.incident())).toList();
    }
}
