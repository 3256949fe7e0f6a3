package org.epicenter.feeds.fuzz;

import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feeds.FeedFormatException;
import org.epicenter.feeds.FeedParser;

/**
 * What a fuzzed parser must keep whatever the bytes: it returns a whole snapshot (every incident
 * with a title, an impact and a time) or throws {@link FeedFormatException} with a message. Any other
 * exception, a hang or an out-of-memory is a finding.
 *
 * <p>In the normal build each fuzz test runs its seeds (the hand-written fixtures, under
 * {@code src/test/resources/org/epicenter/feeds/fuzz/}) as a plain test. With {@code JAZZER_FUZZ=1}
 * Jazzer mutates them for {@code maxDuration}; see docs/benchmarks.md for the command and figures.
 */
final class ParserFuzzing {
    private ParserFuzzing() {}

    static void check(FeedParser parser, byte[] body) {
        FeedSnapshot s;
        try {
            s = parser.parse(body);
        } catch (FeedFormatException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", e);
            }
            return;
        }
        if (s == null) {
            throw new AssertionError("null snapshot");
        }
        for (FeedSnapshot.Incident i : s.incidents()) {
            if (i.title() == null
                    || i.title().isBlank()
                    || i.impact() == null
                    || i.created() == null
                    || i.id() == null) {
                throw new AssertionError("a half incident: " + i);
            }
        }
        for (FeedSnapshot.Component c : s.components()) {
            if (c.name() == null || c.state() == null) {
                throw new AssertionError("a half component: " + c);
            }
        }
    }
}
