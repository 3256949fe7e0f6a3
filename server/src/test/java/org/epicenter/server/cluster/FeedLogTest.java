package org.epicenter.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;
import org.epicenter.feeds.FeedPoller;
import org.junit.jupiter.api.Test;

/** The feed log's records: what is written reads back the same; anything else is refused with a reason. */
class FeedLogTest {
    private static final Instant T = Instant.parse("2025-11-18T11:20:00.123Z");

    static FeedSnapshot page() {
        return new FeedSnapshot(
                List.of(
                        new FeedSnapshot.Component("c1", "CDN/Cache «الشبكة»", OfficialState.MAJOR_OUTAGE),
                        new FeedSnapshot.Component("c2", "Dashboard", OfficialState.OPERATIONAL)),
                List.of(
                        new FeedSnapshot.Incident(
                                "inc1",
                                "Cloudflare Global Network experiencing issues",
                                "investigating",
                                OfficialState.MAJOR_OUTAGE,
                                T.minusSeconds(600),
                                T,
                                null,
                                "https://www.cloudflarestatus.com/incidents/inc1",
                                false,
                                null,
                                null,
                                List.of(new FeedSnapshot.Update(T, "investigating", "<b>we are</b> \"looking\"\u0000")),
                                List.of("CDN/Cache")),
                        new FeedSnapshot.Incident(
                                "m1",
                                "Maintenance",
                                "scheduled",
                                OfficialState.MAINTENANCE,
                                T.minus(Duration.ofDays(2)),
                                T.minus(Duration.ofDays(2)),
                                null,
                                null,
                                true,
                                T.plus(Duration.ofHours(1)),
                                T.plus(Duration.ofHours(2)),
                                List.of(),
                                List.of())));
    }

    @Test
    void pollsAndPagesReadBackAsWritten() {
        var page =
                new FeedLog.Shared("n1", "https://www.cloudflarestatus.com/api/v2/summary.json", T, null, null, page());
        assertThat(FeedLog.decode(FeedLog.encode(page))).isEqualTo(page);
        for (var outcome : FeedPoller.Outcome.values()) {
            var poll = new FeedLog.Shared(
                    "n1",
                    "https://x/y",
                    T,
                    outcome,
                    outcome == FeedPoller.Outcome.FAILED ? "HTTP 503 from https://x/y" : null,
                    null);
            assertThat(FeedLog.decode(FeedLog.encode(poll))).isEqualTo(poll);
        }
    }

    @Test
    void oldResolvedIncidentsAreLeftOutOfTheSharedPage() {
        var incidents = new ArrayList<>(page().incidents());
        var old = incidents.get(0);
        incidents.add(new FeedSnapshot.Incident(
                "old",
                "Long ago",
                "resolved",
                OfficialState.PARTIAL_OUTAGE,
                T.minus(Duration.ofDays(400)),
                T.minus(Duration.ofDays(400)),
                T.minus(Duration.ofDays(399)),
                old.link(),
                false,
                null,
                null,
                List.of(),
                List.of()));
        var withHistory = new FeedSnapshot(page().components(), incidents);
        assertThat(FeedLog.trimmed(withHistory, T)).isEqualTo(page());
        var recent = page();
        assertThat(FeedLog.trimmed(recent, T)).isSameAs(recent); // nothing to leave out: the same object
    }

    @Test
    void aNewerNodesExtraFieldIsReadPast() {
        var poll = new FeedLog.Shared("n1", "https://x/y", T, FeedPoller.Outcome.UNCHANGED, null, null);
        String withExtra = new String(FeedLog.encode(poll), StandardCharsets.UTF_8).replace("{", "{\"extra\":1,");
        assertThat(FeedLog.decode(withExtra.getBytes(StandardCharsets.UTF_8))).isEqualTo(poll);
    }

    @Test
    void brokenRecordsAreRefusedWithAReason() {
        for (String bad : List.of(
                "",
                "[]",
                "null",
                "{\"v\":2}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"\",\"t\":1,\"o\":\"FRESH\"}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":\"soon\",\"o\":\"FRESH\"}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":1,\"o\":\"MAYBE\"}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":1}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":1,\"page\":null}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":1,\"page\":{\"components\":[{\"state\":\"melting\"}],\"incidents\":[]}}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":1,\"page\":{\"components\":7}}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":1,\"page\":{\"incidents\":[{\"id\":\"i\",\"updates\":null}]}}",
                "{\"v\":1,\"n\":\"" + "a".repeat(3000) + "\",\"u\":\"https://x\",\"t\":1,\"o\":\"FRESH\"}",
                // valid but for one thing each: a time from nowhere, an incident without its title
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":9223372036854775807,\"o\":\"FRESH\"}",
                "{\"v\":1,\"n\":\"a\",\"u\":\"https://x\",\"t\":1735689600000,\"page\":{\"components\":[],"
                        + "\"incidents\":[{\"id\":\"i\",\"state\":\"x\",\"impact\":\"major_outage\","
                        + "\"created\":\"2025-01-01T00:00:00Z\",\"maintenance\":false,\"updates\":[],\"affected\":[]}]}}")) {
            assertThatThrownBy(() -> FeedLog.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> FeedLog.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
