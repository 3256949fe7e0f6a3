package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.epicenter.detect.IncidentTracker.Change;
import org.junit.jupiter.api.Test;

/** The incident lifecycle on a minute timeline (minute 0 = the first minute fed). */
class IncidentTrackerTest {
    private static final double EXPECTED = 2;
    private final EvidenceRules evidence = EvidenceRules.defaults();
    private final IncidentTracker tracker = new IncidentTracker(IncidentRules.defaults());
    private final List<String> log = new ArrayList<>();

    private void feed(long from, long to, long count) {
        for (long m = from; m < to; m++) {
            Change c = tracker.observe(m, evidence.judge(count, EXPECTED));
            if (c != Change.NONE && c != Change.UPDATED) {
                log.add(m + " " + c);
            }
        }
    }

    @Test
    void aBurstIsConfirmedInItsSecondMinuteWithItsStartBackDatedToTheRise() {
        feed(0, 8, 2);
        feed(8, 10, 4); // twice the baseline: not evidence yet, but the rise has begun
        feed(10, 30, 40); // twenty times: strong
        feed(30, 60, 2);

        // recovering after 5 quiet minutes, resolved after 10: the end is told 10 minutes after the reports return
        assertThat(log).containsExactly("10 OPENED", "11 CONFIRMED", "34 RECOVERING", "39 RESOLVED");
        IncidentTracker.Incident i = tracker.last();
        assertThat(i.start()).isEqualTo(8);
        assertThat(i.confirmed()).isEqualTo(11);
        assertThat(i.end()).isEqualTo(30);
        assertThat(i.peakCount()).isEqualTo(40);
        assertThat(i.peakMultiple()).isEqualTo(20);
        assertThat(tracker.inIncident()).isFalse();
    }

    @Test
    void moderateEvidenceMustLastToBeConfirmed() {
        feed(0, 5, 2);
        feed(5, 7, 14); // seven times the baseline: moderate
        assertThat(log).containsExactly("5 OPENED", "6 CONFIRMED");
        assertThat(tracker.current().phase()).isEqualTo(IncidentPhase.CONFIRMED);
        assertThat(tracker.current().confirmed()).isEqualTo(6);
    }

    @Test
    void aSingleStrongMinuteIsNotAnOutage() {
        feed(0, 5, 2);
        feed(5, 6, 40);
        feed(6, 20, 2);
        assertThat(log).containsExactly("5 OPENED", "8 DROPPED");
    }

    @Test
    void aLoneSuspicionIsDroppedWithoutEverBeingAnOutage() {
        feed(0, 5, 2);
        feed(5, 6, 14);
        feed(6, 20, 2);
        assertThat(log).containsExactly("5 OPENED", "8 DROPPED");
        assertThat(tracker.last().confirmed()).isNull();
    }

    @Test
    void anOutageThatFlapsStaysOneIncident() {
        feed(0, 5, 2);
        feed(5, 15, 40);
        feed(15, 22, 2); // quiet long enough to be recovering...
        feed(22, 30, 40); // ...and back, like Cloudflare's on-off-on
        feed(30, 60, 2);
        assertThat(log)
                .containsExactly(
                        "5 OPENED", "6 CONFIRMED", "19 RECOVERING", "22 RECONFIRMED", "34 RECOVERING", "39 RESOLVED");
        assertThat(tracker.last().start()).isEqualTo(5);
        assertThat(tracker.last().end()).isEqualTo(30);
    }

    @Test
    void anOutageBackSoonAfterItResolvedReopensTheSameIncident() {
        feed(0, 5, 2);
        feed(5, 15, 40);
        feed(15, 30, 2); // resolved at 24, ten quiet minutes after the reports returned at 15
        feed(30, 40, 40); // back 15 minutes after the end: the same outage, flapping
        feed(40, 60, 2);
        assertThat(log)
                .containsExactly(
                        "5 OPENED",
                        "6 CONFIRMED",
                        "19 RECOVERING",
                        "24 RESOLVED",
                        "30 OPENED",
                        "31 REOPENED",
                        "44 RECOVERING",
                        "49 RESOLVED");
        assertThat(tracker.last().start()).isEqualTo(5);
        assertThat(tracker.last().confirmed()).isEqualTo(6);
        assertThat(tracker.last().end()).isEqualTo(40);
    }

    @Test
    void anOutageBackLongAfterItResolvedIsANewIncident() {
        feed(0, 5, 2);
        feed(5, 15, 40);
        feed(15, 40, 2); // resolved at 24; 25 minutes after the end, past the reopening window
        feed(40, 50, 40);
        assertThat(log)
                .containsExactly(
                        "5 OPENED", "6 CONFIRMED", "19 RECOVERING", "24 RESOLVED", "40 OPENED", "41 CONFIRMED");
        assertThat(tracker.current().start()).isEqualTo(40);
    }

    @Test
    void aSuspicionThatFadesDoesNotStopALaterReopening() {
        feed(0, 5, 2);
        feed(5, 15, 40);
        feed(15, 26, 2);
        feed(26, 27, 40); // a lone loud minute: opened and dropped
        feed(27, 31, 2);
        feed(31, 35, 40); // then the outage again, within the window
        assertThat(log)
                .containsExactly(
                        "5 OPENED",
                        "6 CONFIRMED",
                        "19 RECOVERING",
                        "24 RESOLVED",
                        "26 OPENED",
                        "29 DROPPED",
                        "31 OPENED",
                        "32 REOPENED");
        assertThat(tracker.current().start()).isEqualTo(5);
    }

    @Test
    void incidentMinutesAreFlaggedSoTheBaselineSkipsThem() {
        feed(0, 5, 2);
        assertThat(tracker.inIncident()).isFalse();
        feed(5, 6, 40);
        assertThat(tracker.inIncident()).isTrue();
    }
}
