package org.epicenter.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;
import org.junit.jupiter.api.Test;

class RssAtomParserTest extends FeedParserContract {
    @Override
    FeedParser parser() {
        return new RssAtomParser();
    }

    @Override
    String fixture() {
        return "aws-health.rss";
    }

    @Override
    String[] wronglyTyped() {
        String good = new String(resource(fixture()), StandardCharsets.UTF_8);
        return new String[] {
            good.replace("<pubDate>Mon, 20 Oct 2025 00:11:00 PDT</pubDate>", "<pubDate>yesterday-ish</pubDate>"),
            "no date"
        };
    }

    @Test
    void awsHealthEntriesBecomeIncidentsReadFromTheirTitles() throws Exception {
        FeedSnapshot s = good();
        assertThat(s.components()).isEmpty();
        assertThat(s.incidents()).hasSize(2);
        FeedSnapshot.Incident resolved = s.incidents().get(0);
        assertThat(resolved.created()).isEqualTo(Instant.parse("2025-10-20T10:01:00Z"));
        assertThat(resolved.resolved()).isEqualTo(Instant.parse("2025-10-20T10:01:00Z"));
        assertThat(resolved.impact()).isEqualTo(OfficialState.OPERATIONAL);
        FeedSnapshot.Incident first = s.incidents().get(1);
        assertThat(first.title()).isEqualTo("Increased Error Rates");
        assertThat(first.impact()).isEqualTo(OfficialState.PARTIAL_OUTAGE);
        assertThat(first.resolved()).isNull();
        assertThat(first.updates().get(0).body()).contains("US-EAST-1");
    }

    @Test
    void atomWorksToo() throws Exception {
        FeedSnapshot s = parser().parse(resource("azure.atom"));
        assertThat(s.incidents()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo("urn:azure:status:1K80-N_8");
            assertThat(i.impact()).isEqualTo(OfficialState.MAJOR_OUTAGE);
            assertThat(i.created()).isEqualTo(Instant.parse("2024-07-19T02:00:00Z"));
        });
    }

    @Test
    void externalEntitiesAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>x</title><item><title>&secret;</title><pubDate>Mon, 20 Oct 2025 00:11:00 PDT</pubDate></item></channel></rss>
                """;
        assertThatThrownBy(() -> parser().parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FeedFormatException.class);
    }
}
