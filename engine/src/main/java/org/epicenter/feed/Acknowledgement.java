package org.epicenter.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When the official word came for an incident Epicenter found, and how late: the first official
 * incident (not maintenance) of the same entry posted between an hour before the incident's start
 * and its end, or posted earlier and still open at its start.
 *
 * @param lag from Epicenter's confirmation to the official post; negative when the page spoke first
 */
public record Acknowledgement(OfficialRecord record, Instant at, Duration lag) {
    /** How long before the crowd's onset an official post still counts as about the same trouble. */
    public static final Duration LEAD = Duration.ofHours(1);

    public static Optional<Acknowledgement> find(
            String entry, Instant start, Instant confirmed, Instant end, List<OfficialRecord> records) {
        return records.stream()
                .filter(r -> r.entry().equals(entry)
                        && !r.incident().maintenance()
                        && r.incident().impact() != OfficialState.OPERATIONAL)
                .filter(r -> {
                    Instant posted = r.incident().created();
                    boolean postedDuring = !posted.isBefore(start.minus(LEAD)) && (end == null || posted.isBefore(end));
                    boolean openAtStart = posted.isBefore(start)
                            && (r.incident().resolved() == null
                                    || r.incident().resolved().isAfter(start));
                    return postedDuring || openAtStart;
                })
                .min(Comparator.comparing((OfficialRecord r) -> r.incident().created()))
                .map(r -> new Acknowledgement(
                        r,
                        r.incident().created(),
                        Duration.between(confirmed, r.incident().created())));
    }
}
