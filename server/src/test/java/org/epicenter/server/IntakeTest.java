package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.epicenter.catalog.Catalog;
import org.epicenter.ingest.DedupWindow;
import org.epicenter.ingest.LiveCounts;
import org.epicenter.ingest.RejectedReport;
import org.epicenter.ingest.ReportIngest;
import org.epicenter.ingest.ReportSubmission;
import org.epicenter.ingest.ReporterHasher;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

/** Every transport's outcomes are counted in the one shared path, under the transport's name. */
class IntakeTest {
    @Test
    void outcomesAreCountedPerTransportInTheSharedPath() {
        var storage = new InMemoryStorage();
        var failing = new AtomicBoolean();
        var ingest = new ReportIngest(
                Catalog::defaults,
                new ReporterHasher(storage.secrets(), Duration.ofMinutes(30)),
                new DedupWindow(Duration.ofMinutes(30)),
                r -> failing.get()
                        ? CompletableFuture.failedFuture(new IllegalStateException("disk full"))
                        : append(storage, r),
                new LiveCounts());
        var metrics = new Metrics();
        var intake = new Intake(
                ingest, java.time.Clock.fixed(Instant.parse("2025-11-18T11:20:00Z"), ZoneOffset.UTC), metrics);

        intake.submit("http", new ReportSubmission("whatsapp", "app", "SA", null, "203.0.113.7"))
                .join();
        intake.submit("http", new ReportSubmission("whatsapp", "app", "SA", null, "203.0.113.8"))
                .join(); // the same /24: a repeat
        intake.submit("kafka", new ReportSubmission("whatsapp", "app", "SA", null, "198.51.100.7"))
                .join();
        assertThatThrownBy(() -> intake.submit(
                        "kafka", new ReportSubmission("no-such-service", "app", "SA", null, "198.51.100.9")))
                .isInstanceOf(RejectedReport.class);
        failing.set(true);
        assertThat(intake.submit("http", new ReportSubmission("x", "app", "SA", null, "192.0.2.1")))
                .isCompletedExceptionally();
        intake.refused("http", "rate_limited");

        String scrape = metrics.scrape();
        assertThat(scrape)
                .contains("epicenter_reports_total{outcome=\"counted\",reason=\"none\",transport=\"http\"} 1.0")
                .contains("epicenter_reports_total{outcome=\"deduplicated\",reason=\"none\",transport=\"http\"} 1.0")
                .contains("epicenter_reports_total{outcome=\"counted\",reason=\"none\",transport=\"kafka\"} 1.0")
                .contains(
                        "epicenter_reports_total{outcome=\"rejected\",reason=\"unknown_service\",transport=\"kafka\"} 1.0")
                .contains(
                        "epicenter_reports_total{outcome=\"rejected\",reason=\"store_failed\",transport=\"http\"} 1.0")
                .contains(
                        "epicenter_reports_total{outcome=\"rejected\",reason=\"rate_limited\",transport=\"http\"} 1.0");
        assertThat(storage.reports().rawCount()).isEqualTo(3);
    }

    private static CompletableFuture<Void> append(InMemoryStorage storage, org.epicenter.model.Report r) {
        storage.reports().append(java.util.List.of(r));
        return CompletableFuture.completedFuture(null);
    }
}
