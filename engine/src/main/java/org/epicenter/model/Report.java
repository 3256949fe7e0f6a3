package org.epicenter.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted crowd report, as stored. The time is stamped by the server, never the client.
 *
 * @param receivedAt when the server accepted it
 * @param service    catalog id
 * @param problem    what the reporter says is wrong
 * @param country    ISO 3166-1 alpha-2, or {@link Countries#UNKNOWN}
 * @param reporter   keyed hash of the reporter (never a raw address); opaque
 * @param counted    false for a repeat within the dedup window: kept, but not counted
 */
public record Report(
        Instant receivedAt, String service, Problem problem, String country, String reporter, boolean counted) {
    public Report {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(reporter, "reporter");
    }

    /** Epoch minute the report falls in: the unit of aggregation. */
    public long minute() {
        return Math.floorDiv(receivedAt.getEpochSecond(), 60);
    }
}
