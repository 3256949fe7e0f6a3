package org.epicenter.ingest;

import org.epicenter.model.Report;

/** Where accepted reports go. {@link #appendDurably} returns only once the report is durable. */
@FunctionalInterface
public interface ReportSink {
    /** Blocks until the report is durable; throws when it could not be stored (then it was not). */
    void appendDurably(Report report);
}
