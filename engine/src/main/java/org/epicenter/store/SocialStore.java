package org.epicenter.store;

import java.time.Instant;
import java.util.List;

/**
 * Social posts taken in (issue 21), with what the classifier made of them. The author is kept only
 * as a keyed hash; the text only until {@link #forgetTextBefore} (7 days unless configured).
 */
public interface SocialStore {
    /**
     * One post as kept.
     *
     * @param source  where it came from ("push", "mastodon:example.social"...)
     * @param id      its id at the source; (source, id) is unique
     * @param link    where to read it at the source, or null
     * @param service the catalog id it is about, or null
     * @param lang    ar, en or arabizi
     * @param author  a keyed hash of the author at the source, never the handle
     * @param text    the text, or null once forgotten
     * @param why     the classifier's words for its verdict
     * @param newAccount the author's account was less than 30 days old when it posted (a copied text
     *                from new accounts counts little)
     */
    record Post(
            String source,
            String id,
            String link,
            Instant at,
            String service,
            boolean outage,
            String lang,
            String author,
            String text,
            String why,
            boolean newAccount) {}

    /** Keeps the post unless one with the same source and id is kept; true when it was new. */
    boolean add(Post post);

    /** A service's outage posts in {@code [from, to)}, newest first, at most {@code limit}. */
    List<Post> outages(String service, Instant from, Instant to, int limit);

    /** Every outage post at or after {@code from}, oldest first: rebuilds the counts at start-up. */
    List<Post> outagesSince(Instant from);

    /** Forgets the text and the link (which may name the author) of posts older than {@code before}; returns how many. */
    int forgetTextBefore(Instant before);

    /** Deletes posts older than {@code before}; returns how many. */
    int deleteBefore(Instant before);
}
