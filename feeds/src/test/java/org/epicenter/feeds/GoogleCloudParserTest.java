package org.epicenter.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;
import org.junit.jupiter.api.Test;

class GoogleCloudParserTest extends FeedParserContract {
    @Override
    FeedParser parser() {
        return new GoogleCloudParser();
    }

    @Override
    String fixture() {
        return "google-cloud-incidents.json";
    }

    @Override
    String[] wronglyTyped() {
        String good = new String(resource(fixture()), StandardCharsets.UTF_8);
        return new String[] {
            good.replace("\"status_impact\": \"SERVICE_DISRUPTION\"", "\"status_impact\": 2"),
            "[1].status_impact: expected text, got number"
        };
    }

    @Override
    String[] foreignBodies() {
        return new String[] {"<html><body>502 Bad Gateway</body></html>", "null", "{}", "\"ok\"", "[1]", "[{\"x\":"};
    }

    @Test
    void openAndResolvedIncidentsWithProductsAndLocations() throws Exception {
        FeedSnapshot s = good();
        assertThat(s.components()).isEmpty();
        assertThat(s.incidents()).hasSize(3);
        FeedSnapshot.Incident open = s.incidents().get(0);
        assertThat(open.title()).isEqualTo("Multiple GCP products are experiencing Service issues with API requests");
        assertThat(open.impact()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        assertThat(open.resolved()).isNull();
        assertThat(open.state()).as("the latest update's word").isEqualTo("service_disruption");
        assertThat(open.created())
                .as("when it was posted, not the back-dated begin")
                .isEqualTo(Instant.parse("2025-06-12T18:46:05Z"));
        assertThat(open.link()).isEqualTo("https://status.cloud.google.com/incidents/kV5YCJd1sT3pG7hNw9qA");
        assertThat(open.affected())
                .contains(
                        "Google Compute Engine",
                        "Identity and Access Management",
                        "us-central1",
                        "Iowa (us-central1)",
                        "global");
        assertThat(open.updates())
                .extracting(FeedSnapshot.Update::at)
                .first()
                .isEqualTo(Instant.parse("2025-06-12T19:30:12Z"));
        FeedSnapshot.Incident resolved = s.incidents().get(1);
        assertThat(resolved.state()).isEqualTo("resolved");
        assertThat(resolved.resolved()).isEqualTo(Instant.parse("2025-05-02T09:02:00Z"));
        assertThat(resolved.impact()).isEqualTo(OfficialState.PARTIAL_OUTAGE);
        assertThat(s.incidents().get(2).title())
                .as("trailing whitespace trimmed")
                .isEqualTo("Cloud Console: some users see slow page loads");
        assertThat(s.incidents().get(2).impact()).isEqualTo(OfficialState.DEGRADED);
    }

    @Test
    void anUnknownImpactIsNamed() {
        String bad = new String(resource(fixture()), StandardCharsets.UTF_8)
                .replace("\"SERVICE_INFORMATION\"", "\"SERVICE_ON_FIRE\"");
        assertThatThrownBy(() -> parser().parse(bad.getBytes(StandardCharsets.UTF_8)))
                .hasMessage(
                        "[2].status_impact: unknown impact \"SERVICE_ON_FIRE\" (SERVICE_OUTAGE, SERVICE_DISRUPTION, SERVICE_INFORMATION)");
    }
}
