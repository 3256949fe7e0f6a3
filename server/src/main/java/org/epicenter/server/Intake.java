package org.epicenter.server;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.epicenter.ingest.IngestResult;
import org.epicenter.ingest.RejectedReport;
import org.epicenter.ingest.ReportIngest;
import org.epicenter.ingest.ReportSubmission;

/**
 * The one path every transport's reports take after the transport's own checks (HTTP today, Kafka
 * to come): the shared ingest (validate, hash, dedup, store), stamped by the server's clock, with
 * every outcome counted here, per transport, so two transports cannot count differently.
 * {@code epicenter_reports_total{transport, outcome, reason}}: counted, deduplicated, or rejected
 * with its reason (the shared path's own: unknown_service, invalid_field, store_failed; or the
 * transport's, told by {@link #refused}).
 */
public final class Intake {
    private final ReportIngest ingest;
    private final Clock clock;
    private final Metrics metrics;

    public Intake(ReportIngest ingest, Clock clock, Metrics metrics) {
        this.ingest = ingest;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Submits one report. A rule violation throws {@link RejectedReport} (counted); otherwise the
     * future completes when the report is durable (counted or deduplicated), or exceptionally when it
     * could not be stored (counted as store_failed; nothing was counted toward detection).
     */
    public CompletableFuture<IngestResult> submit(String transport, ReportSubmission s) {
        CompletableFuture<IngestResult> stored;
        try {
            stored = ingest.submit(s, clock.instant());
        } catch (RejectedReport e) {
            metrics.report(transport, "rejected", e.reason().name().toLowerCase(Locale.ROOT));
            throw e;
        }
        return stored.whenComplete((result, failure) -> {
            if (failure != null) {
                metrics.report(transport, "rejected", "store_failed");
            } else {
                metrics.report(transport, result.counted() ? "counted" : "deduplicated", "none");
            }
        });
    }

    /** A report the transport refused before the shared path (rate limit, size, media type, malformed body). */
    public void refused(String transport, String reason) {
        metrics.report(transport, "rejected", reason);
    }
}
