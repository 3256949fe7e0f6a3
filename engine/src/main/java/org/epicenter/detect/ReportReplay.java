package org.epicenter.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.epicenter.ingest.DedupWindow;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;

/**
 * Offline replay: reports in time order, the live dedup rule when a reporter is known, the
 * detector. Shared by {@code epicenter detect} (CSV) and {@code epicenter evaluate} (simulations).
 */
public final class ReportReplay {
    private final DedupWindow dedup;
    private final Detector detector = Detector.defaults();
    private long read;
    private long counted;

    public ReportReplay(Duration dedupWindow) {
        this.dedup = new DedupWindow(dedupWindow);
    }

    /** One report; {@code reporter} null means every report counts. */
    public void accept(Instant at, String service, String country, Problem problem, String reporter) {
        read++;
        if (reporter != null && !dedup.claim(service, List.of(reporter), at)) {
            return;
        }
        counted++;
        detector.add(new Report(at, service, problem, country, reporter == null ? "" : reporter, true));
        if ((counted & 0xFFFF) == 0) {
            dedup.prune(at);
        }
    }

    public List<DetectedIncident> finish() {
        return detector.finish();
    }

    public long read() {
        return read;
    }

    public long counted() {
        return counted;
    }
}
