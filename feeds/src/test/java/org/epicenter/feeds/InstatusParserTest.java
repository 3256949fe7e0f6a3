package org.epicenter.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;
import org.junit.jupiter.api.Test;

class InstatusParserTest extends FeedParserContract {
    @Override
    FeedParser parser() {
        return new InstatusParser();
    }

    @Override
    String fixture() {
        return "instatus-summary.json";
    }

    @Override
    String[] wronglyTyped() {
        String good = new String(resource(fixture()), StandardCharsets.UTF_8);
        return new String[] {
            good.replace("\"started\": \"2025-11-18T11:31:00.000Z\"", "\"started\": \"soon\""),
            "activeIncidents[0].started: \"soon\" is not an ISO-8601 time"
        };
    }

    @Test
    void incidentsAndMaintenancesAreRead() throws Exception {
        FeedSnapshot s = good();
        FeedSnapshot.Incident incident = s.incidents().get(0);
        assertThat(incident.title()).isEqualTo("Messages are delayed");
        assertThat(incident.state()).isEqualTo("identified");
        assertThat(incident.impact()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        FeedSnapshot.Incident maintenance = s.incidents().get(1);
        assertThat(maintenance.maintenance()).isTrue();
        assertThat(maintenance.until()).isEqualTo(Instant.parse("2025-11-18T12:00:00Z"));
    }
}
