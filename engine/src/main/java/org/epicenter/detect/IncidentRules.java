package org.epicenter.detect;

/**
 * The hysteresis of the incident lifecycle, in minutes.
 *
 * @param confirmAfter   consecutive minutes at MODERATE or above that confirm
 * @param dropAfter      quiet minutes (below MODERATE) after which an unconfirmed suspicion is dropped
 * @param recoverAfter   quiet minutes after which a confirmed incident is recovering
 * @param resolveAfter   further quiet minutes after which a recovering incident is resolved
 * @param reopenWithin   a suspicion opened within this many minutes of a confirmed incident's end
 *                       reopens that incident when confirmed, instead of starting another: an
 *                       outage that flaps (Cloudflare, 2025-11-18) stays one incident, and its
 *                       end can still be told soon after the reports return
 * @param onsetMultiple  the start is back-dated to the first of the consecutive minutes at or above
 *                       this multiple of the baseline before the incident opened
 * @param lookback       how far back (minutes) the onset is searched
 */
public record IncidentRules(
        int confirmAfter,
        int dropAfter,
        int recoverAfter,
        int resolveAfter,
        int reopenWithin,
        double onsetMultiple,
        int lookback) {
    public static IncidentRules defaults() {
        return new IncidentRules(2, 3, 5, 5, 20, 1.5, 60);
    }
}
