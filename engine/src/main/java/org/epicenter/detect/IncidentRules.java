package org.epicenter.detect;

/**
 * The hysteresis of the incident lifecycle, in minutes.
 *
 * @param confirmAfter   consecutive minutes at MODERATE or above that confirm
 * @param dropAfter      quiet minutes (below MODERATE) after which an unconfirmed suspicion is dropped
 * @param recoverAfter   quiet minutes after which a confirmed incident is recovering
 * @param resolveAfter   further quiet minutes after which a recovering incident is resolved
 * @param onsetMultiple  the start is back-dated to the first of the consecutive minutes at or above
 *                       this multiple of the baseline before the incident opened
 * @param lookback       how far back (minutes) the onset is searched
 */
public record IncidentRules(int confirmAfter, int dropAfter, int recoverAfter, int resolveAfter, double onsetMultiple,
                            int lookback) {
    public static IncidentRules defaults() {
        return new IncidentRules(2, 3, 5, 15, 1.5, 60);
    }
}
