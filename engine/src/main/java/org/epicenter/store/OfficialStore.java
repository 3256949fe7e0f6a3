package org.epicenter.store;

import java.time.Instant;
import java.util.List;
import org.epicenter.feed.OfficialRecord;

/**
 * Official incidents read from status feeds, kept after the page drops them (a Statuspage summary
 * lists only unresolved incidents), so acknowledgement lags and history survive restarts.
 */
public interface OfficialStore {
    /** Inserts new records and replaces known ones (same entry, feed and incident id), keeping the first {@code firstSeen}. */
    void saveOfficial(List<OfficialRecord> records);

    /** Records created at or after {@code since}, or still open; oldest first. */
    List<OfficialRecord> officialSince(Instant since);

    /** Deletes records resolved before {@code before}. */
    int deleteOfficialBefore(Instant before);
}
