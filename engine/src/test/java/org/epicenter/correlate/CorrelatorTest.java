package org.epicenter.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.detect.ReportReplay;
import org.epicenter.simulate.Scenario;
import org.epicenter.simulate.Scenarios;
import org.epicenter.simulate.Simulator;
import org.junit.jupiter.api.Test;

class CorrelatorTest {
    static final Catalog CATALOG = Catalog.of(List.of(CatalogCodec.defaultDocument()), List.of());
    static final Instant T = Instant.parse("2025-11-18T11:20:00Z");
    static final Instant WEEK_AGO = T.minus(Duration.ofDays(7));

    static DetectedIncident incident(String service, int startMinute, Integer endMinute) {
        Instant start = T.plus(Duration.ofMinutes(startMinute));
        return new DetectedIncident(
                service,
                start,
                start.plusSeconds(120),
                endMinute == null ? null : T.plus(Duration.ofMinutes(endMinute)),
                start.plusSeconds(300),
                120,
                4,
                List.of("US", "GB"),
                org.epicenter.detect.Scope.GLOBAL,
                Map.of("app", 500L),
                "strong");
    }

    final Correlator correlator = new Correlator(CATALOG);

    @Test
    void dependentsFailingTogetherNameTheirProvider() {
        var hit = List.of(
                incident("x", 0, 180),
                incident("chatgpt", 1, 170),
                incident("claude", 3, 175),
                incident("canva", 7, 160));
        var r = correlator.correlate(hit, Set.of("spotify", "discord"), WEEK_AGO, T);
        assertThat(r.causes()).singleElement().satisfies(c -> {
            assertThat(c.provider()).isEqualTo("cloudflare");
            assertThat(c.dependents()).containsExactly("x", "chatgpt", "claude", "canva");
            assertThat(c.ownTrouble()).isFalse();
            assertThat(c.confidence()).isBetween(0.7, 0.99);
            assertThat(c.start()).isEqualTo(T);
            assertThat(c.end()).isEqualTo(T.plus(Duration.ofMinutes(180)));
            assertThat(c.reports()).isEqualTo(4 * 500);
            assertThat(c.explanation())
                    .startsWith("4 of ")
                    .contains("monitored services that depend on Cloudflare failed between 11:20 and 11:27 UTC")
                    .contains("Cloudflare shows no trouble of its own");
        });
        assertThat(hit).allSatisfy(i -> assertThat(r.of(i).provider()).isEqualTo("cloudflare"));
    }

    @Test
    void theProvidersOwnTroubleRaisesConfidenceAndJoinsTheCause() {
        var dependents = List.of(incident("x", 1, 100), incident("chatgpt", 2, 100));
        var without =
                correlator.correlate(dependents, Set.of(), WEEK_AGO, T).causes().get(0);
        var own = new DetectedIncident(
                "cloudflare",
                T,
                T.plusSeconds(60),
                null,
                T.plusSeconds(120),
                400,
                10,
                List.of("US"),
                org.epicenter.detect.Scope.GLOBAL,
                Map.of("website", 900L),
                "strong");
        var all = new ArrayList<>(dependents);
        all.add(own);
        var r = correlator.correlate(all, Set.of(), WEEK_AGO, T);
        Correlator.Cause with = r.causes().get(0);
        assertThat(with.provider()).isEqualTo("cloudflare");
        assertThat(with.ownTrouble()).isTrue();
        assertThat(with.confidence()).isGreaterThan(without.confidence());
        assertThat(with.end()).as("its own incident is still open").isNull();
        assertThat(with.explanation()).contains("Cloudflare itself: reports 40× baseline from 11:20");
        assertThat(r.of(own).provider()).isEqualTo("cloudflare");
    }

    @Test
    void oneVictimWithAProviderInTroubleIsAttributedOneWithoutIsNot() {
        var alone = List.of(incident("venmo", 0, 60));
        assertThat(correlator.correlate(alone, Set.of(), WEEK_AGO, T).causes()).isEmpty();
        var withProvider = List.of(incident("venmo", 5, 60), incident("aws-us-east-1", 0, 90));
        assertThat(correlator.correlate(withProvider, Set.of(), WEEK_AGO, T).causes())
                .singleElement()
                .satisfies(c -> assertThat(c.provider()).isEqualTo("aws-us-east-1"));
    }

    @Test
    void aCoincidenceWithoutASharedUpstreamStaysApart() {
        // Azure Central US and CrowdStrike, 2024-07-18/19: Microsoft 365 and Delta share no upstream in the catalog
        var r = correlator.correlate(
                List.of(incident("microsoft-365", 0, 180), incident("delta", 10, 120)), Set.of(), WEEK_AGO, T);
        assertThat(r.causes()).isEmpty();
        assertThat(r.attributions()).isEmpty();
    }

    @Test
    void aSharedUpstreamWithoutTroubleAndFewDependentsHitIsNotMerged() {
        // two of AWS us-east-1's many monitored dependents fail at once; AWS itself is fine
        Set<String> watched = Set.copyOf(
                CATALOG.allDependents("aws-us-east-1").stream().map(e -> e.id()).toList());
        assertThat(watched.size()).isGreaterThan(8);
        var r = correlator.correlate(
                List.of(incident("venmo", 0, 60), incident("coinbase", 4, 60)), watched, WEEK_AGO, T);
        assertThat(r.causes()).isEmpty();
    }

    @Test
    void servicesThatKeepFailingTogetherWithoutAKnownLinkAreProposedAsAnEdgeNeverAdded() {
        var incidents = new ArrayList<DetectedIncident>();
        for (int day = 0; day < 3; day++) {
            incidents.add(incident("twitch", day * 1440, day * 1440 + 30));
            incidents.add(incident("noon", day * 1440 + 2, day * 1440 + 30));
        }
        var r = correlator.correlate(incidents, Set.of(), WEEK_AGO, T.plus(Duration.ofDays(3)));
        assertThat(r.candidateEdges()).singleElement().satisfies(e -> {
            assertThat(e.a()).isEqualTo("noon");
            assertThat(e.b()).isEqualTo("twitch");
            assertThat(e.times()).isEqualTo(3);
        });
        assertThat(CATALOG.find("twitch").orElseThrow().dependsOn()).noneMatch(d -> d.id().equals("noon"));
    }

    /** The simulator's week: every cascade is attributed to its real provider, and nothing else is. */
    @Test
    void theSimulatedWeekAttributesItsCascadesAndLeavesTheRestAlone() {
        long seed = 1;
        Scenario s = Scenarios.named("mixed", seed);
        var replay = new ReportReplay(Duration.ofMinutes(30));
        Simulator.generate(
                s,
                seed,
                row -> replay.accept(
                        row.timestamp(),
                        row.service(),
                        row.country().isEmpty() ? "ZZ" : row.country(),
                        row.problem(),
                        row.reporter()));
        List<DetectedIncident> found = replay.finish();
        Set<String> monitored =
                Set.copyOf(s.services().stream().map(Scenario.Profile::service).toList());
        var r = correlator.correlate(found, monitored, s.start(), s.start().plus(Duration.ofDays(s.days())));

        Map<String, String> expected =
                Map.of("meta-2021", "meta-network", "cloudflare-2025", "cloudflare", "aws-2025", "aws-us-east-1");
        for (Scenario.Outage o : s.outages()) {
            List<DetectedIncident> matching = found.stream()
                    .filter(i -> i.service().equals(o.service())
                            && i.confirmed() != null
                            && i.start().isBefore(o.end())
                            && (i.end() == null || i.end().isAfter(o.start())))
                    .toList();
            assertThat(matching).as(o.label() + " " + o.service()).isNotEmpty();
            for (DetectedIncident i : matching) {
                Correlator.Attribution a = r.of(i);
                String want = expected.get(o.label());
                if (want == null) {
                    assertThat(a)
                            .as("%s %s stands alone", o.label(), o.service())
                            .isNull();
                } else {
                    assertThat(a).as("%s %s", o.label(), o.service()).isNotNull();
                    assertThat(a.provider()).as("%s %s", o.label(), o.service()).isEqualTo(want);
                }
            }
        }
        assertThat(r.causes())
                .extracting(Correlator.Cause::provider)
                .containsExactly("meta-network", "cloudflare", "aws-us-east-1");
        System.out.println("[measure] simulated week causes: " + r.causes());
    }

    @Test
    void aVictimFailingAnHourLaterJoinsItsProvidersOngoingCause() {
        // AWS us-east-1, 2025-10-20: victims failed over hours; the last one here starts 55 minutes after
        // the one before it, a cluster of its own, which alone proves nothing
        var hit = List.of(
                incident("venmo", 0, 180),
                incident("snapchat", 10, 170),
                incident("fortnite", 45, 200),
                incident("signal", 100, 220));
        var r = correlator.correlate(hit, Set.of(), WEEK_AGO, T);
        assertThat(hit)
                .allSatisfy(i -> assertThat(r.of(i))
                        .as(i.service())
                        .isNotNull()
                        .satisfies(a -> assertThat(a.provider()).isEqualTo("aws-us-east-1")));
        assertThat(r.causes())
                .singleElement()
                .satisfies(c -> assertThat(c.dependents()).containsExactly("venmo", "snapchat", "fortnite", "signal"));
        // after the cause is over (its last incident ended more than 30 minutes ago) a dependent's failure is its own
        var later = new ArrayList<>(hit);
        later.add(incident("fortnite", 300, 330));
        var r2 = correlator.correlate(later, Set.of(), WEEK_AGO, T);
        assertThat(r2.of(later.get(4))).isNull();
    }

    @Test
    void aServiceFailingWithACausesDependentsIsAttributedThroughAnUnlistedEdgeWithLowerConfidence() {
        // Discord's catalog entry names Google Cloud only; it fails at the same minutes as three of Cloudflare's
        // dependents
        var hit = List.of(
                incident("x", 0, 60), incident("chatgpt", 1, 60), incident("canva", 2, 60), incident("discord", 3, 60));
        var r = correlator.correlate(hit, Set.of(), WEEK_AGO, T);
        var listed = r.of(hit.get(0));
        assertThat(r.of(hit.get(3))).isNotNull().satisfies(a -> {
            assertThat(a.provider()).isEqualTo("cloudflare");
            assertThat(a.confidence()).isEqualTo(listed.confidence() * Correlator.UNLISTED_FACTOR);
            assertThat(a.via())
                    .contains("Discord failed within 5 minutes of 3 services that depend on Cloudflare")
                    .contains("does not list Cloudflare");
        });
        assertThat(listed.via()).isNull();
        // not when Google Cloud, which the catalog does name, is failing itself
        var withOwn = new ArrayList<>(hit);
        withOwn.add(incident("google-cloud", 0, 90));
        assertThat(correlator
                        .correlate(withOwn, Set.of(), WEEK_AGO, T)
                        .of(hit.get(3))
                        .provider())
                .isEqualTo("google-cloud");
        // and not 20 minutes apart
        var apart = List.of(
                incident("x", 0, 60),
                incident("chatgpt", 1, 60),
                incident("canva", 2, 60),
                incident("discord", 23, 60));
        assertThat(correlator.correlate(apart, Set.of(), WEEK_AGO, T).of(apart.get(3)))
                .isNull();
    }
}
