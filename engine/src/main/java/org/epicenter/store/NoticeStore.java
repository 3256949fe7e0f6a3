package org.epicenter.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * "Tell me when it is back": one visitor's request to be mailed once when a service's outage is
 * over. Double opt-in: a notice is created unconfirmed with its confirmation mail due, and watches
 * only after the link in that mail was followed. Each notice holds at most one mail to send
 * ({@code mail}: confirm or back), sent by the notice service with retries.
 *
 * @param id        random, unguessable; the confirmation and stop links carry it with a keyed hash of it
 * @param email     the address, as given (trimmed); {@code emailKey} is its lowercase form for the per-address limit
 * @param lang      en or ar: the language of the mails and pages
 * @param state     unconfirmed, watching, told (the back mail went out), stopped (by the visitor),
 *                  expired (not confirmed in a day, or nothing to tell in a week) or failed (a mail could not be sent)
 * @param since     the start of the outage being watched (when the notice was asked)
 * @param mail      the mail due: confirm, back, or null for none
 */
public interface NoticeStore {
    record Notice(
            String id,
            String service,
            String email,
            String emailKey,
            String lang,
            String state,
            Instant created,
            Instant since,
            Instant confirmed,
            String mail,
            int attempts,
            Instant nextAttempt,
            String lastError,
            Instant sent) {
        public Notice with(
                String newState, String newMail, int newAttempts, Instant newNext, String error, Instant newSent) {
            return new Notice(
                    id,
                    service,
                    email,
                    emailKey,
                    lang,
                    newState,
                    created,
                    since,
                    confirmed,
                    newMail,
                    newAttempts,
                    newNext,
                    error,
                    newSent);
        }

        public Notice confirmedAt(Instant at) {
            return new Notice(
                    id,
                    service,
                    email,
                    emailKey,
                    lang,
                    "watching",
                    created,
                    since,
                    at,
                    mail,
                    attempts,
                    nextAttempt,
                    lastError,
                    sent);
        }
    }

    /**
     * Adds a notice unless the same address already has an unfinished one (unconfirmed or watching)
     * for the same service: then nothing changes and that one is returned.
     */
    Notice add(Notice n);

    Optional<Notice> notice(String id);

    /**
     * Replaces the notice of the same id if its stored state is still {@code expectedState} (what the
     * caller read): a stop clicked on one node is never overwritten by another node's older read.
     *
     * @return false when the notice is gone or its state has changed; nothing was written
     */
    boolean update(Notice n, String expectedState);

    /** Notices in {@code state}, oldest first. */
    List<Notice> inState(String state, int limit);

    /** Notices whose mail is due at {@code now}, oldest first. */
    List<Notice> mailDue(Instant now, int limit);

    /** How many notices this address (its lowercase form) asked for since {@code since}. */
    int countByAddressSince(String emailKey, Instant since);

    /** How many notices were asked for since {@code since}, from anyone. */
    int countSince(Instant since);

    /** Deletes notices created before {@code before} (the address is forgotten with them). */
    int deleteBefore(Instant before);
}
