package org.epicenter.ingest;

import org.epicenter.model.Report;

/** The stored report; {@code report.counted()} is false for a repeat within the dedup window. */
public record IngestResult(Report report) {
    public boolean counted() {
        return report.counted();
    }
}
