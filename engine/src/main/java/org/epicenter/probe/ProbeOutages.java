package org.epicenter.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outages seen by probes alone: what makes Epicenter notice at 3 a.m., when nobody reports. An
 * outage opens when an entry's probes are down by the quorum of locations, starts when the first of
 * those locations began failing, and ends at the first observation where no location is down any
 * more (up, or degraded: failures are now the minority). Regional failures and degradation alone are
 * shown but open nothing; a probe that never worked opens nothing.
 * Pure: observations come with their time, so live ticks and a replay of stored results agree.
 */
public final class ProbeOutages {
    /** Outages kept after they end. */
    static final Duration KEEP = Duration.ofDays(30);

    /**
     * @param start     when the first location that is down began failing
     * @param confirmed when the quorum agreed
     * @param end       when the probes were up again; null while open
     * @param locations where it was down when confirmed
     * @param detail    the failure seen, in words
     */
    public record Outage(
            String service, Instant start, Instant confirmed, Instant end, List<String> locations, String detail) {
        public boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to == null ? Instant.MAX : to) && (end == null || end.isAfter(from));
        }
    }

    /** A change: {@code opened} or {@code resolved}. */
    public record Change(String type, Outage outage) {}

    private final Map<String, Outage> open = new LinkedHashMap<>();
    private final Deque<Outage> ended = new ArrayDeque<>();

    /**
     * One observation of an entry.
     *
     * @param state        its probe state now (null when none of its probes ever worked)
     * @param failingSince when the locations that say down began failing (the earliest of them), or null
     */
    public synchronized List<Change> observe(
            String service,
            Verdicts.State state,
            List<String> downAt,
            Instant failingSince,
            String detail,
            Instant now) {
        var changes = new ArrayList<Change>();
        Outage current = open.get(service);
        if (current == null && state == Verdicts.State.DOWN) {
            Outage o = new Outage(
                    service,
                    failingSince == null || failingSince.isAfter(now) ? now : failingSince,
                    now,
                    null,
                    List.copyOf(downAt),
                    detail);
            open.put(service, o);
            changes.add(new Change("opened", o));
        } else if (current != null && (state == null || state.severity() < Verdicts.State.REGIONAL.severity())) {
            Outage o = new Outage(
                    service, current.start(), current.confirmed(), now, current.locations(), current.detail());
            open.remove(service);
            ended.addLast(o);
            changes.add(new Change("resolved", o));
        }
        while (!ended.isEmpty() && ended.peekFirst().end().isBefore(now.minus(KEEP))) {
            ended.removeFirst();
        }
        return changes;
    }

    /** Open outages, then ended ones, oldest first within each. */
    public synchronized List<Outage> all() {
        var out = new ArrayList<Outage>(ended);
        out.addAll(open.values());
        return out;
    }
}
