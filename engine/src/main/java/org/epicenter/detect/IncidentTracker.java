package org.epicenter.detect;

/**
 * The lifecycle of incidents on one series, fed one minute of {@link Evidence} at a time in event
 * time. A small state machine with hysteresis: a suspicion needs sustained evidence to be confirmed
 * (even a strong minute alone is not enough: overdispersed traffic makes single-minute spikes of
 * four times the baseline, which `epicenter evaluate` showed confirming as false incidents); a confirmed incident needs a quiet spell to recover and a longer one to resolve, and
 * returns to confirmed if the evidence comes back. An incident confirmed soon after the last one
 * ended reopens it (same start, same confirmation): outages that flap, like Cloudflare's on
 * 2025-11-18, stay one incident, yet the end is told 10 minutes after the reports return.
 */
public final class IncidentTracker {
    /** One incident's facts as they stand. Minutes are epoch minutes. */
    public record Incident(
            long start,
            long opened,
            Long confirmed,
            long peakMinute,
            long peakCount,
            double peakMultiple,
            double peakExpected,
            Long end,
            IncidentPhase phase) {
        Incident with(IncidentPhase p, Long confirmedAt, Long endAt) {
            return new Incident(
                    start, opened, confirmedAt, peakMinute, peakCount, peakMultiple, peakExpected, endAt, p);
        }

        Incident peak(long minute, Evidence e) {
            if (e.count() <= peakCount) {
                return this;
            }
            return new Incident(start, opened, confirmed, minute, e.count(), e.multiple(), e.expected(), end, phase);
        }
    }

    /** What a minute changed, if anything. */
    public enum Change {
        NONE,
        OPENED,
        CONFIRMED,
        RECOVERING,
        RECONFIRMED,
        RESOLVED,
        DROPPED,
        UPDATED,
        /** A suspicion was confirmed within {@link IncidentRules#reopenWithin} of the last incident's end: that incident is open again. */
        REOPENED
    }

    private final IncidentRules rules;
    /** The minute observed last, and how many minutes up to it in a row were at or above the onset multiple. */
    private long lastMinute = Long.MIN_VALUE;

    private int elevatedRun;
    private Incident current;
    private Incident last;
    /** The last confirmed incident that ended, while it may still reopen; null otherwise. */
    private Incident lastConfirmed;

    private int loudRun;
    private int quietRun;

    public IncidentTracker(IncidentRules rules) {
        this.rules = rules;
    }

    /** The open incident (suspected, confirmed or recovering), or null. */
    public Incident current() {
        return current;
    }

    /** True while an incident is open: its minutes must not be learned by the baseline. */
    public boolean inIncident() {
        return current != null;
    }

    /** Feeds one minute; returns what changed. After RESOLVED or DROPPED, {@link #last} holds the closed incident. */
    public Change observe(long minute, Evidence e) {
        boolean loud = e.level().atLeast(EvidenceLevel.MODERATE);
        loudRun = loud ? loudRun + 1 : 0;
        quietRun = loud ? 0 : quietRun + 1;
        Change change = step(minute, e, loud);
        remember(minute, e.multiple());
        return change;
    }

    /** True while the last confirmed incident may still reopen. */
    public boolean mayReopen() {
        return lastConfirmed != null;
    }

    /** The incident closed by the latest RESOLVED or DROPPED. */
    public Incident last() {
        return last;
    }

    private Change step(long minute, Evidence e, boolean loud) {
        if (current == null) {
            if (lastConfirmed != null && minute - lastConfirmed.end() >= rules.reopenWithin()) {
                lastConfirmed = null; // long enough: whatever comes next is another incident
            }
            if (!loud) {
                return Change.NONE;
            }
            current = new Incident(
                    onset(minute),
                    minute,
                    null,
                    minute,
                    e.count(),
                    e.multiple(),
                    e.expected(),
                    null,
                    IncidentPhase.SUSPECTED);
            if (rules.confirmAfter() <= 1) {
                return confirm(minute) == Change.REOPENED ? Change.REOPENED : Change.OPENED;
            }
            return Change.OPENED;
        }
        current = current.peak(minute, e);
        switch (current.phase()) {
            case SUSPECTED -> {
                if (loudRun >= rules.confirmAfter()) {
                    return confirm(minute);
                }
                if (quietRun >= rules.dropAfter()) {
                    return close(Change.DROPPED, minute - quietRun + 1);
                }
            }
            case CONFIRMED -> {
                if (quietRun >= rules.recoverAfter()) {
                    current = current.with(IncidentPhase.RECOVERING, current.confirmed(), null);
                    return Change.RECOVERING;
                }
            }
            case RECOVERING -> {
                if (loud) {
                    current = current.with(IncidentPhase.CONFIRMED, current.confirmed(), null);
                    return Change.RECONFIRMED;
                }
                if (quietRun >= rules.recoverAfter() + rules.resolveAfter()) {
                    return close(Change.RESOLVED, minute - quietRun + 1);
                }
            }
            case RESOLVED -> throw new IllegalStateException("a resolved incident is never current");
        }
        return loud ? Change.UPDATED : Change.NONE;
    }

    /** Confirms the open suspicion, or reopens the last incident if it ended a moment ago. */
    private Change confirm(long minute) {
        Incident before = lastConfirmed;
        lastConfirmed = null;
        if (before != null && current.opened() - before.end() < rules.reopenWithin()) {
            Incident merged = before.with(IncidentPhase.CONFIRMED, before.confirmed(), null);
            merged = current.peakCount() > merged.peakCount()
                    ? new Incident(
                            merged.start(),
                            merged.opened(),
                            merged.confirmed(),
                            current.peakMinute(),
                            current.peakCount(),
                            current.peakMultiple(),
                            current.peakExpected(),
                            null,
                            IncidentPhase.CONFIRMED)
                    : merged;
            current = merged;
            return Change.REOPENED;
        }
        current = current.with(IncidentPhase.CONFIRMED, minute, null);
        return Change.CONFIRMED;
    }

    private Change close(Change how, long endMinute) {
        last = current.with(IncidentPhase.RESOLVED, current.confirmed(), endMinute);
        if (last.confirmed() != null) {
            lastConfirmed = last;
        }
        current = null;
        return how;
    }

    /** The first minute of the unbroken run of elevated minutes just before {@code minute}, at most {@code lookback} back. */
    private long onset(long minute) {
        int run = lastMinute == minute - 1 ? elevatedRun : 0;
        return minute - Math.min(run, rules.lookback());
    }

    /** Two numbers instead of a list of recent minutes: a million series must fit in memory. */
    private void remember(long minute, double multiple) {
        boolean elevated = multiple >= rules.onsetMultiple();
        elevatedRun = !elevated ? 0 : lastMinute == minute - 1 ? Math.min(elevatedRun + 1, rules.lookback()) : 1;
        lastMinute = minute;
    }
}
