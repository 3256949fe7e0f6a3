package org.epicenter.feed;

import java.time.Instant;

/**
 * An official incident as Epicenter saw it: which catalog entry and feed it belongs to, and when it
 * was first seen (a page's own time can be back-dated; this one cannot).
 */
public record OfficialRecord(String entry, String feed, FeedSnapshot.Incident incident, Instant firstSeen) {
    /** The key: one record per entry, feed and the page's incident id. */
    public String key() {
        return entry + " " + feed + " " + incident.id();
    }
}
