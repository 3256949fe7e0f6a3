package org.epicenter.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;
import org.junit.jupiter.api.Test;

class BetterStackParserTest extends FeedParserContract {
    @Override
    FeedParser parser() {
        return new BetterStackParser();
    }

    @Override
    String fixture() {
        return "betterstack-index.json";
    }

    @Override
    String[] wronglyTyped() {
        String good = new String(resource(fixture()), StandardCharsets.UTF_8);
        return new String[] {
            good.replace("\"title\": \"Card payments failing\"", "\"title\": [\"Card payments failing\"]"),
            "included[4].attributes.title: expected text, got array"
        };
    }

    @Test
    void resourcesAndReportsAreRead() throws Exception {
        FeedSnapshot s = good();
        assertThat(s.components())
                .extracting(FeedSnapshot.Component::name)
                .as("not_monitored is left out")
                .containsExactly("Card payments API", "Dashboard");
        assertThat(s.components().get(0).state()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        FeedSnapshot.Incident maintenance = s.incidents().get(0);
        assertThat(maintenance.maintenance()).isTrue();
        assertThat(maintenance.until()).isEqualTo(Instant.parse("2025-11-23T00:00:00Z"));
        FeedSnapshot.Incident open = s.incidents().get(1);
        assertThat(open.title()).isEqualTo("Card payments failing");
        assertThat(open.impact()).isEqualTo(OfficialState.MAJOR_OUTAGE);
        assertThat(open.resolved()).isNull();
    }
}
