package org.epicenter.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;
import org.junit.jupiter.api.Test;

class StatuspageParserTest extends FeedParserContract {
    @Override
    FeedParser parser() {
        return new StatuspageParser();
    }

    @Override
    String fixture() {
        return "statuspage-summary.json";
    }

    @Override
    String[] wronglyTyped() {
        String good = new String(resource(fixture()), StandardCharsets.UTF_8);
        return new String[] {
            good.replace(
                    "\"created_at\": \"2025-11-18T11:48:00.000Z\", \"updated_at\": \"2025-11-18T12:03:00.000Z\"",
                    "\"created_at\": 1763466480, \"updated_at\": \"2025-11-18T12:03:00.000Z\""),
            "incidents[0].created_at: expected text, got number"
        };
    }

    @Test
    void componentsIncidentsUpdatesAndMaintenanceAreRead() throws Exception {
        FeedSnapshot s = good();
        assertThat(s.components())
                .extracting(FeedSnapshot.Component::name)
                .as("groups are left out")
                .containsExactly("CDN/Cache", "Dashboard", "Zero Trust");
        assertThat(s.components())
                .extracting(FeedSnapshot.Component::state)
                .containsExactly(OfficialState.MAJOR_OUTAGE, OfficialState.PARTIAL_OUTAGE, OfficialState.OPERATIONAL);
        FeedSnapshot.Incident incident = s.incidents().get(0);
        assertThat(incident.title()).isEqualTo("Cloudflare Global Network experiencing issues");
        assertThat(incident.impact()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        assertThat(incident.created()).isEqualTo(Instant.parse("2025-11-18T11:48:00Z"));
        assertThat(incident.resolved()).isNull();
        assertThat(incident.link()).isEqualTo("https://stspg.io/example");
        assertThat(incident.affected()).containsExactly("CDN/Cache");
        assertThat(incident.updates())
                .extracting(FeedSnapshot.Update::at)
                .containsExactly(Instant.parse("2025-11-18T12:03:00Z"), Instant.parse("2025-11-18T11:48:00Z"));
        FeedSnapshot.Incident maintenance = s.incidents().get(1);
        assertThat(maintenance.maintenance()).isTrue();
        assertThat(maintenance.impact()).isEqualTo(OfficialState.MAINTENANCE);
        assertThat(maintenance.from()).isEqualTo(Instant.parse("2025-11-20T19:00:00Z"));
        assertThat(maintenance.until()).isEqualTo(Instant.parse("2025-11-20T23:00:00Z"));
    }

    @Test
    void anUnknownStatusIsNamedWithItsPlace() {
        String bad = new String(resource(fixture()), StandardCharsets.UTF_8)
                .replace("\"status\": \"partial_outage\"", "\"status\": \"on_fire\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser().parse(bad.getBytes(StandardCharsets.UTF_8)))
                .hasMessage(
                        "components[2].status: unknown component status \"on_fire\" (operational, degraded_performance, partial_outage, major_outage, under_maintenance)");
    }

    @Test
    void incidentsJsonGivesTheLastIncidentsResolvedOnesIncluded() throws Exception {
        FeedSnapshot s = parser().parse(resource("statuspage-incidents.json"));
        assertThat(s.components()).isEmpty();
        assertThat(s.incidents()).extracting(FeedSnapshot.Incident::id).containsExactly("gh2", "gh1");
        assertThat(s.incidents().get(0).resolved()).isEqualTo(Instant.parse("2025-11-18T12:30:00Z"));
        assertThat(s.incidents().get(0).impact()).isEqualTo(OfficialState.PARTIAL_OUTAGE);
        assertThat(s.incidents().get(0).affected()).containsExactly("Git Operations");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> parser().parse("{\"page\": {}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("components: missing");
    }
}
