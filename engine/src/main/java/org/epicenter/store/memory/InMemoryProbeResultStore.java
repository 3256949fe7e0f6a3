package org.epicenter.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.epicenter.probe.ProbeResult;

/** Probe results in memory: one facet of {@link InMemoryStorage}. */
final class InMemoryProbeResultStore implements org.epicenter.store.ProbeResultStore {
    private final List<ProbeResult> probeResults = new ArrayList<>();

    @Override
    public synchronized void appendResults(List<ProbeResult> batch) {
        probeResults.addAll(batch);
    }

    @Override
    public synchronized List<ProbeResult> resultsSince(Instant since) {
        return probeResults.stream()
                .filter(r -> !r.at().isBefore(since))
                .sorted(Comparator.comparing(ProbeResult::at))
                .toList();
    }

    @Override
    public synchronized List<ProbeResult> results(String entry, String probe, Instant from, Instant to) {
        return probeResults.stream()
                .filter(r -> r.entry().equals(entry)
                        && r.probe().equals(probe)
                        && !r.at().isBefore(from)
                        && r.at().isBefore(to))
                .sorted(Comparator.comparing(ProbeResult::at))
                .toList();
    }

    @Override
    public synchronized int deleteResultsBefore(Instant before) {
        int n = probeResults.size();
        probeResults.removeIf(r -> r.at().isBefore(before));
        return n - probeResults.size();
    }
}
