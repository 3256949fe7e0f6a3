package org.epicenter.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.epicenter.catalog.FeedFormat;
import org.epicenter.catalog.FeedSpec;
import org.junit.jupiter.api.Test;

class OfficialViewTest {
    static final Instant NOW = Instant.parse("2025-11-18T12:00:00Z");

    static FeedSnapshot.Incident incident(
            String id, String title, OfficialState impact, Instant created, Instant resolved, List<String> affected) {
        return new FeedSnapshot.Incident(
                id,
                title,
                resolved == null ? "investigating" : "resolved",
                impact,
                created,
                created,
                resolved,
                null,
                false,
                null,
                null,
                List.of(),
                affected);
    }

    static FeedSnapshot.Incident window(String id, Instant from, Instant until, List<String> affected) {
        return new FeedSnapshot.Incident(
                id,
                "Scheduled maintenance",
                "scheduled",
                OfficialState.MAINTENANCE,
                from.minusSeconds(86_400),
                null,
                null,
                null,
                true,
                from,
                until,
                List.of(),
                affected);
    }

    static final FeedSnapshot PAGE = new FeedSnapshot(
            List.of(
                    new FeedSnapshot.Component("a", "CDN/Cache", OfficialState.MAJOR_OUTAGE),
                    new FeedSnapshot.Component("b", "Zero Trust", OfficialState.OPERATIONAL),
                    new FeedSnapshot.Component("c", "Dashboard", OfficialState.DEGRADED)),
            List.of(
                    incident(
                            "i1",
                            "Global network issues",
                            OfficialState.MAJOR_OUTAGE,
                            NOW.minusSeconds(720),
                            null,
                            List.of("CDN/Cache")),
                    incident(
                            "i2",
                            "Dashboard slow",
                            OfficialState.DEGRADED,
                            NOW.minusSeconds(3600),
                            null,
                            List.of("Dashboard")),
                    incident(
                            "i0",
                            "Forgotten",
                            OfficialState.PARTIAL_OUTAGE,
                            NOW.minus(Duration.ofDays(30)),
                            null,
                            List.of("Zero Trust")),
                    window("m1", NOW.minusSeconds(600), NOW.plusSeconds(3000), List.of("Zero Trust")),
                    window("m2", NOW.plusSeconds(86_400), NOW.plusSeconds(90_000), List.of("Dashboard"))));

    static FeedSpec spec(FeedFormat format, String... components) {
        return new FeedSpec(
                "https://status.example/feed", format, components.length == 0 ? null : List.of(components), null, null);
    }

    @Test
    void componentsPickWhatIsThisEntry() {
        OfficialView cdn = OfficialView.of(spec(FeedFormat.STATUSPAGE, "cdn/cache"), PAGE, NOW);
        assertThat(cdn.state()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        assertThat(cdn.open()).extracting(FeedSnapshot.Incident::id).containsExactly("i1");
        assertThat(cdn.since()).isEqualTo(NOW.minusSeconds(720));
        assertThat(cdn.maintenance()).isEmpty();

        OfficialView zt = OfficialView.of(spec(FeedFormat.STATUSPAGE, "Zero Trust"), PAGE, NOW);
        assertThat(zt.open()).as("a month-old incident never closed is stale").isEmpty();
        assertThat(zt.state()).as("inside its maintenance window").isEqualTo(OfficialState.MAINTENANCE);
        assertThat(zt.maintenance()).extracting(FeedSnapshot.Incident::id).containsExactly("m1");

        OfficialView dash = OfficialView.of(spec(FeedFormat.STATUSPAGE, "Dashboard"), PAGE, NOW);
        assertThat(dash.state()).as("a coming window does not count yet").isEqualTo(OfficialState.DEGRADED);
        assertThat(dash.maintenance()).extracting(FeedSnapshot.Incident::id).containsExactly("m2");
    }

    @Test
    void noComponentsMeansTheWholePage() {
        OfficialView all = OfficialView.of(spec(FeedFormat.STATUSPAGE), PAGE, NOW);
        assertThat(all.state()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        assertThat(all.open()).extracting(FeedSnapshot.Incident::id).containsExactly("i1", "i2");
        assertThat(all.components()).hasSize(3);
    }

    @Test
    void anIncidentThatNamesNoComponentConcernsEveryComponentOfThePage() {
        var page = new FeedSnapshot(
                PAGE.components(),
                List.of(incident(
                        "x", "Something", OfficialState.PARTIAL_OUTAGE, NOW.minusSeconds(60), null, List.of())));
        assertThat(OfficialView.of(spec(FeedFormat.STATUSPAGE, "Zero Trust"), page, NOW)
                        .open())
                .hasSize(1);
    }

    @Test
    void rssTheNewestPostAboutTheEntryDecides() {
        var feed = new FeedSnapshot(
                List.of(),
                List.of(
                        incident(
                                "p2",
                                "Service is operating normally: [RESOLVED] Increased error rates in Central US",
                                OfficialState.OPERATIONAL,
                                NOW.minusSeconds(600),
                                NOW.minusSeconds(600),
                                List.of()),
                        incident(
                                "p1",
                                "Increased error rates in Central US",
                                OfficialState.PARTIAL_OUTAGE,
                                NOW.minusSeconds(3600),
                                null,
                                List.of()),
                        incident(
                                "q1",
                                "Service disruption in West Europe",
                                OfficialState.MAJOR_OUTAGE,
                                NOW.minusSeconds(1800),
                                null,
                                List.of())));
        assertThat(OfficialView.of(spec(FeedFormat.RSS, "Central US"), feed, NOW)
                        .state())
                .isEqualTo(OfficialState.OPERATIONAL);
        OfficialView west = OfficialView.of(spec(FeedFormat.RSS, "West Europe"), feed, NOW);
        assertThat(west.state()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        assertThat(west.open()).extracting(FeedSnapshot.Incident::id).containsExactly("q1");
        assertThat(OfficialView.of(spec(FeedFormat.RSS, "West Europe"), feed, NOW.plus(Duration.ofDays(2)))
                        .state())
                .as("a post a day old no longer speaks")
                .isEqualTo(OfficialState.OPERATIONAL);
    }

    @Test
    void productsAndLocationsPickGoogleCloudIncidents() {
        var feed = new FeedSnapshot(
                List.of(),
                List.of(
                        incident(
                                "g1",
                                "Multiple GCP products",
                                OfficialState.MAJOR_OUTAGE,
                                NOW.minusSeconds(60),
                                null,
                                List.of("Google Compute Engine", "us-central1")),
                        incident(
                                "g2",
                                "Storage errors",
                                OfficialState.PARTIAL_OUTAGE,
                                NOW.minusSeconds(60),
                                null,
                                List.of("Google Cloud Storage", "europe-west1"))));
        assertThat(OfficialView.of(spec(FeedFormat.GOOGLE_CLOUD, "us-central1"), feed, NOW)
                        .open())
                .extracting(FeedSnapshot.Incident::id)
                .containsExactly("g1");
        assertThat(OfficialView.of(spec(FeedFormat.GOOGLE_CLOUD, "asia-east1"), feed, NOW)
                        .state())
                .isEqualTo(OfficialState.OPERATIONAL);
    }

    @Test
    void twoFeedsMergeToTheWorse() {
        OfficialView a = OfficialView.of(spec(FeedFormat.STATUSPAGE, "Dashboard"), PAGE, NOW);
        OfficialView b = OfficialView.of(spec(FeedFormat.STATUSPAGE, "CDN/Cache"), PAGE, NOW);
        OfficialView both = a.merge(b);
        assertThat(both.state()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        assertThat(both.since()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(both.open()).extracting(FeedSnapshot.Incident::id).containsExactly("i1", "i2");
        assertThat(OfficialView.NONE.merge(a))
                .isEqualTo(new OfficialView(a.state(), a.since(), a.components(), a.open(), a.maintenance()));
    }

    @Test
    void theAcknowledgementIsTheFirstOfficialPostAboutTheTrouble() {
        Instant start = Instant.parse("2025-11-18T11:20:00Z");
        Instant confirmed = Instant.parse("2025-11-18T11:22:00Z");
        var late = new OfficialRecord(
                "cloudflare",
                "f",
                incident(
                        "i1",
                        "Network",
                        OfficialState.MAJOR_OUTAGE,
                        Instant.parse("2025-11-18T11:48:00Z"),
                        null,
                        List.of()),
                NOW);
        var later = new OfficialRecord(
                "cloudflare",
                "f",
                incident(
                        "i3",
                        "Dashboard",
                        OfficialState.DEGRADED,
                        Instant.parse("2025-11-18T12:10:00Z"),
                        null,
                        List.of()),
                NOW);
        var other = new OfficialRecord(
                "github",
                "f",
                incident(
                        "i2",
                        "Git",
                        OfficialState.MAJOR_OUTAGE,
                        Instant.parse("2025-11-18T11:30:00Z"),
                        null,
                        List.of()),
                NOW);
        var before = new OfficialRecord(
                "cloudflare",
                "f",
                incident(
                        "i0",
                        "Yesterday",
                        OfficialState.MAJOR_OUTAGE,
                        Instant.parse("2025-11-17T09:00:00Z"),
                        Instant.parse("2025-11-17T10:00:00Z"),
                        List.of()),
                NOW);
        var ack = Acknowledgement.find("cloudflare", start, confirmed, null, List.of(later, other, before, late))
                .orElseThrow();
        assertThat(ack.record()).isEqualTo(late);
        assertThat(ack.lag()).isEqualTo(Duration.ofMinutes(26));
        assertThat(Acknowledgement.find(
                        "cloudflare", start, confirmed, Instant.parse("2025-11-18T11:40:00Z"), List.of(late)))
                .as("posted after the end")
                .isEmpty();

        var first = new OfficialRecord(
                "cloudflare",
                "f",
                incident(
                        "i5",
                        "Known issue",
                        OfficialState.PARTIAL_OUTAGE,
                        Instant.parse("2025-11-18T10:00:00Z"),
                        null,
                        List.of()),
                NOW);
        assertThat(Acknowledgement.find("cloudflare", start, confirmed, null, List.of(first, late))
                        .orElseThrow()
                        .lag())
                .as("the page spoke first: negative lag")
                .isEqualTo(Duration.ofMinutes(-82));
    }
}
