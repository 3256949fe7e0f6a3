package org.epicenter.store;

import java.time.Instant;
import java.util.List;
import org.epicenter.probe.ProbeResult;

/** Every probe result accepted (from the server's own runs and from agents), kept for the raw retention. */
public interface ProbeResultStore {
    void appendResults(List<ProbeResult> batch);

    /** Results at or after {@code since}, oldest first: rebuilds the probe board at start-up. */
    List<ProbeResult> resultsSince(Instant since);

    /** One probe's results in {@code [from, to)}, oldest first. */
    List<ProbeResult> results(String entry, String probe, Instant from, Instant to);

    int deleteResultsBefore(Instant before);
}
