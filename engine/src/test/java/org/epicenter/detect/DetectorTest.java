package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.junit.jupiter.api.Test;

/** The detector on generated report streams with known outages (seed printed for replay). */
class DetectorTest {
    private static final long SEED = 20231014L;
    private static final Instant T0 = Instant.parse("2025-11-10T00:00:00Z");

    /** Streams Poisson(rate(minute)) reports per minute for one service, spread over the minute. */
    private static void stream(
            java.util.function.Consumer<Report> d,
            Random random,
            String service,
            java.util.function.LongToDoubleFunction rate,
            String country,
            Problem problem,
            long fromMinute,
            long toMinute,
            long minute) {
        double lambda = rate.applyAsDouble(minute);
        long n = 0;
        double p = Math.exp(-Math.min(lambda, 700));
        double s = p;
        double u = random.nextDouble();
        if (lambda > 50) {
            n = Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        } else {
            while (u > s) {
                n++;
                p *= lambda / n;
                s += p;
            }
        }
        for (long i = 0; i < n; i++) {
            Instant at = T0.plusSeconds(minute * 60 + (i * 60 / Math.max(n, 1)));
            boolean inOutage = minute >= fromMinute && minute < toMinute;
            d.accept(new Report(
                    at,
                    service,
                    inOutage ? problem : Problem.APP,
                    inOutage ? country : (i % 2 == 0 ? "EG" : "SA"),
                    "r" + minute + "-" + i,
                    true));
        }
    }

    private static List<DetectedIncident> run(long days, long outageFrom, long outageTo, double outageRate) {
        System.out.println("DetectorTest seed " + SEED);
        var random = new Random(SEED);
        var d = Detector.defaults();
        long minutes = days * 1440;
        for (long m = 0; m < minutes; m++) {
            long mm = m;
            stream(
                    d::add,
                    random,
                    "whatsapp",
                    x -> mm >= outageFrom && mm < outageTo ? outageRate : 5,
                    "SA",
                    Problem.MESSAGING,
                    outageFrom,
                    outageTo,
                    m);
            stream(d::add, random, "x", x -> 3, "EG", Problem.APP, -1, -1, m);
        }
        return d.finish();
    }

    @Test
    void feedingReportsOrTheirMinuteAggregatesGivesTheSameIncidents() {
        // The same stream twice: report by report (offline replay) and as stored per-minute
        // aggregates (how the live server feeds the detector).
        var storage = new org.epicenter.store.memory.InMemoryStorage();
        var byReport = Detector.defaults();
        var random = new Random(SEED);
        long from = 2 * 1440 + 100;
        long minutes = 3 * 1440;
        for (long m = 0; m < minutes; m++) {
            long mm = m;
            var batch = new java.util.ArrayList<Report>();
            stream(
                    batch::add,
                    random,
                    "x",
                    x -> mm >= from && mm < from + 30 ? 80 : 4,
                    "SA",
                    Problem.LOGIN,
                    from,
                    from + 30,
                    m);
            stream(
                    batch::add,
                    random,
                    "chatgpt",
                    x -> mm >= from + 5 && mm < from + 20 ? 60 : 6,
                    "EG",
                    Problem.APP,
                    from + 5,
                    from + 20,
                    m);
            batch.sort(java.util.Comparator.comparing(Report::receivedAt));
            batch.forEach(byReport::add);
            storage.reports().append(batch);
        }
        var byAggregate = Detector.defaults();
        storage.reports()
                .forEachMinuteCount(
                        0,
                        Long.MAX_VALUE,
                        c -> byAggregate.addCount(c.minute(), c.service(), c.country(), c.problem(), c.reports()));

        List<DetectedIncident> replayed = byReport.finish();
        assertThat(replayed).extracting(DetectedIncident::service).containsExactlyInAnyOrder("x", "chatgpt");
        assertThat(byAggregate.finish()).isEqualTo(replayed);
    }

    @Test
    void aQuietWeekRaisesNoIncident() {
        assertThat(run(7, -1, -1, 0)).isEmpty();
    }

    @Test
    void anOutageIsFoundWithItsStartEndScopeAndProblems() {
        long from = 5 * 1440 + 600; // day 5, 10:00
        long to = from + 45;
        List<DetectedIncident> incidents = run(6, from, to, 100); // twenty times the baseline
        assertThat(incidents).hasSize(1);
        DetectedIncident i = incidents.get(0);
        Instant onset = T0.plus(Duration.ofMinutes(from));
        assertThat(i.service()).isEqualTo("whatsapp");
        assertThat(i.start()).isBetween(onset.minusSeconds(60), onset);
        assertThat(Duration.between(onset, i.confirmed())).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(i.end()).isBetween(T0.plus(Duration.ofMinutes(to)), T0.plus(Duration.ofMinutes(to + 1)));
        assertThat(i.peakPerMinute()).isGreaterThan(80);
        assertThat(i.baselinePerMinute()).isBetween(4.0, 6.5);
        assertThat(i.countries().get(0)).isEqualTo("SA");
        assertThat(i.scope()).isEqualTo(Scope.REGIONAL);
        assertThat(i.problems().get("messaging")).isGreaterThan(3000L);
        assertThat(i.evidence()).startsWith("strong: ");
    }

    @Test
    void anIncidentStillRunningAtTheEndHasNoEnd() {
        long from = 2 * 1440 - 30;
        List<DetectedIncident> incidents = run(2, from, Long.MAX_VALUE, 60);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).end()).isNull();
    }

    @Test
    void anOutageInOneCountryOfABigServiceIsFoundByItsCountrySeriesAndNotTwice() {
        var d = Detector.defaults();
        var random = new Random(SEED);
        long days = 2;
        long from = 1440 + 600;
        for (long m = 0; m < days * 1440; m++) {
            boolean down = m >= from && m < from + 30;
            // 100 a minute from SA, 2 from JO; during the outage JO has 20 (+18%, invisible globally)
            addPoisson(d, random, m, "SA", 100);
            addPoisson(d, random, m, "JO", down ? 20 : 2);
            if (m == from + 60) {
                // a global outage later the same day: the JO series also rises, but only the global incident shows
                for (long g = m; g < m + 20; g++) {
                    addPoisson(d, random, g, "SA", 800);
                    addPoisson(d, random, g, "JO", 16);
                }
                m += 19;
            }
        }
        List<DetectedIncident> incidents = d.finish();
        assertThat(incidents).hasSize(2);
        DetectedIncident regional = incidents.get(0);
        assertThat(regional.scope()).isEqualTo(Scope.REGIONAL);
        assertThat(regional.countries()).containsExactly("JO");
        assertThat(regional.start())
                .isBetween(T0.plus(Duration.ofMinutes(from - 1)), T0.plus(Duration.ofMinutes(from + 1)));
        assertThat(regional.evidence()).startsWith("in JO ");
        DetectedIncident global = incidents.get(1);
        assertThat(global.countries()).startsWith("SA", "JO");
        assertThat(global.evidence()).doesNotStartWith("in ");
    }

    @Test
    void aCountryFirstSeenDuringAnOutageIsJudgedAtOnceButAFewNewReportersAreNot() {
        var d = Detector.defaults();
        var random = new Random(SEED);
        long day = 1440;
        for (long m = 0; m < day + 120; m++) {
            addPoisson(d, random, m, "SA", 50);
            if (m >= day && m < day + 20) {
                addPoisson(d, random, m, "JO", 20); // Jordan, never seen before: twenty a minute
            }
            if (m >= day + 60 && m < day + 120) {
                d.addCount(
                        m + T0.getEpochSecond() / 60,
                        "whatsapp",
                        "KW",
                        Problem.APP,
                        m % 3 == 0 ? 1 : 0); // Kuwait: a trickle
            }
        }
        List<DetectedIncident> incidents = d.finish();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).countries()).containsExactly("JO");
        assertThat(incidents.get(0).confirmed()).isBefore(T0.plus(Duration.ofMinutes(day + 3)));
    }

    private static void addPoisson(Detector d, Random random, long minute, String country, double lambda) {
        long n = Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        d.addCount(minute + T0.getEpochSecond() / 60, "whatsapp", country, Problem.MESSAGING, n);
    }

    /** Three days of one quiet series: {@code normal} reports a minute, and {@code rate} for {@code length} minutes from {@code from} when there is an outage. */
    private static List<DetectedIncident> quiet(
            long seed,
            boolean outage,
            String service,
            long from,
            int length,
            double rate,
            double normal,
            String country,
            Problem problem) {
        var random = new Random(seed);
        var d = Detector.defaults();
        for (long m = 0; m < 3 * 1440; m++) {
            long mm = m;
            stream(
                    d::add,
                    random,
                    service,
                    x -> outage && mm >= from && mm < from + length ? rate : normal,
                    country,
                    problem,
                    from,
                    from + length,
                    m);
        }
        return d.finish();
    }

    /** A niche service: one report an hour, then 150x for half an hour (issue 18); and the same hour without it. */
    private static List<DetectedIncident> niche(long seed, boolean outage) {
        return quiet(seed, outage, "nafath", 2 * 1440 + 600, 30, 2.5, 1 / 60.0, "SA", Problem.LOGIN);
    }

    @Test
    void aNicheServiceAtOneReportAnHourIsCaughtWhenItJumps150x() {
        int caught = 0;
        for (long seed = 1; seed <= 10; seed++) {
            var found = niche(seed, true);
            long onset = 2 * 1440 + 600;
            boolean inTime = found.stream()
                    .anyMatch(i -> i.confirmed() != null
                            && !i.confirmed().isBefore(T0.plusSeconds(onset * 60))
                            && i.confirmed().isBefore(T0.plusSeconds((onset + 15) * 60)));
            caught += inTime ? 1 : 0;
            assertThat(niche(seed, false))
                    .as("seed %d without the outage", seed)
                    .isEmpty();
        }
        // before the long windows: 1 to 3 reports a minute never made two loud minutes in a row often enough
        assertThat(caught).as("caught within 15 minutes, of 10 seeds").isEqualTo(10);
    }

    /** One country at night: a report in ten minutes, then about 1.5 a minute for 75 minutes (issue 18). */
    private static List<DetectedIncident> nightCountry(long seed, boolean outage) {
        return quiet(seed, outage, "spotify", 2 * 1440 + 180, 75, 1.5, 0.1, "MA", Problem.APP);
    }

    @Test
    void aQuietCountryOutageIsCaughtWithinAQuarterHourAndKeptInOnePiece() {
        long onset = 2 * 1440 + 180;
        int inAQuarterHour = 0;
        for (long seed = 1; seed <= 10; seed++) {
            var found = nightCountry(seed, true);
            assertThat(found)
                    .as("seed %d: one incident for the outage", seed)
                    .singleElement()
                    .satisfies(i -> {
                        assertThat(i.confirmed()).isBefore(T0.plusSeconds((onset + 25) * 60));
                        // its slack minutes (none at all for a minute or two) do not end it early
                        assertThat(i.end()).isAfter(T0.plusSeconds((onset + 70) * 60));
                    });
            inAQuarterHour += found.get(0).confirmed().isBefore(T0.plusSeconds((onset + 15) * 60)) ? 1 : 0;
            assertThat(nightCountry(seed, false))
                    .as("seed %d without the outage", seed)
                    .isEmpty();
        }
        // Before the baseline held minutes back and the quarter hour sustained a confirmed incident,
        // one seed took 39 minutes (the outage's first minutes had doubled the expectation) and four
        // ended 8 to 31 minutes early. Now one seed may take up to 20 minutes: its expectation for
        // that hour, learned from two nights, is twice the true rate.
        assertThat(inAQuarterHour)
                .as("confirmed within 15 minutes, of 10 seeds")
                .isGreaterThanOrEqualTo(9);
    }

    @Test
    void anIncidentWhoseReportsAreBackToNormalSaysItIsRecoveringBeforeItResolves() {
        var d = Detector.defaults();
        long first = T0.getEpochSecond() / 60;
        long outage = first + 8 * 60;
        for (long m = first; m < outage + 60; m++) {
            d.addCount(m, "x", "EG", Problem.APP, m >= outage && m < outage + 20 ? 60 : 3);
            if (m == outage + 26) {
                // reports came back at outage + 20: five quiet minutes later the incident says so, still open
                assertThat(d.incidents()).singleElement().satisfies(i -> {
                    assertThat(i.end()).isNull();
                    assertThat(i.phase()).isEqualTo("recovering");
                    assertThat(i.recovering()).isTrue();
                });
            }
        }
        assertThat(d.incidents()).singleElement().satisfies(i -> {
            assertThat(i.end()).isEqualTo(T0.plusSeconds((outage - first + 20) * 60));
            assertThat(i.phase()).isEqualTo("resolved");
        });
    }
}
