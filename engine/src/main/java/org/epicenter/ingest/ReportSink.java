package org.epicenter.ingest;

import java.util.concurrent.CompletableFuture;
import org.epicenter.model.Report;

/**
 * Where accepted reports go. The future completes once the report is durable, or exceptionally
 * when it could not be stored (then it was not). Asynchronous so that a request waiting for its
 * batch to sync holds no thread.
 */
@FunctionalInterface
public interface ReportSink {
    CompletableFuture<Void> append(Report report);

    /**
     * The same, with the reporter's older ids (yesterday's, just after midnight): a sink that hands
     * the report to another node's dedup (the cluster's report log) passes them on.
     */
    default CompletableFuture<Void> append(Report report, java.util.List<String> olderReporterIds) {
        return append(report);
    }
}
