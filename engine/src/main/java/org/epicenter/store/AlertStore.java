package org.epicenter.store;

import java.time.Instant;
import java.util.List;
import org.epicenter.alert.Silence;
import org.epicenter.alert.Subscription;

/**
 * Subscriptions, silences, and the durable outbox of notifications. A notification is written
 * here before anything is sent. Its key is unique forever, so planning twice queues nothing twice,
 * and a restart finds every notification still to send.
 */
public interface AlertStore {
    /**
     * One queued notification.
     *
     * @param state      pending, sent, failed (gave up) or suppressed (recorded, never to be sent)
     * @param size       how many services the alert named (a growing cause is told again)
     * @param payload    the JSON body as the channels receive it
     * @param lastError  why the last attempt failed, or why it was suppressed
     */
    record Entry(
            String key,
            String subscription,
            String group,
            String kind,
            String state,
            int size,
            String payload,
            int attempts,
            Instant nextAttempt,
            String lastError,
            Instant created,
            Instant sent) {}

    void putSubscription(Subscription s);

    boolean deleteSubscription(String id);

    List<Subscription> subscriptions();

    void putSilence(Silence s);

    boolean deleteSilence(String id);

    List<Silence> silences();

    /** Queues entries whose key is new; an entry with a known key is left as it is. */
    void enqueue(List<Entry> entries);

    /** One entry as it is now (a sender checks it is still pending before it sends). */
    java.util.Optional<Entry> entry(String key);

    /** Pending entries due at {@code now}, oldest first. */
    List<Entry> due(Instant now, int limit);

    /** Every entry created at or after {@code since}, oldest first (the ledger at start-up, the alert log). */
    List<Entry> entriesSince(Instant since);

    /** Deletes entries created before {@code before} that are no longer pending (the log's retention). */
    int deleteEntriesBefore(Instant before);

    /**
     * Takes a pending entry for one attempt: moves its next attempt to {@code leaseUntil} only if it
     * is still pending with {@code attempts} attempts and next attempt {@code expectedNext}. True for
     * the one sender (of all nodes) that took it; the others leave it alone. A sender that dies
     * mid-attempt leaves the entry due again when the lease ends.
     */
    boolean claim(String key, int attempts, Instant expectedNext, Instant leaseUntil);

    /** Records an attempt: sent, retried later, or given up (state failed). */
    void attempted(String key, String state, int attempts, Instant nextAttempt, String error, Instant sent);
}
