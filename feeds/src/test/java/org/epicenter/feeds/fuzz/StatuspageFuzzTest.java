package org.epicenter.feeds.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.epicenter.feeds.StatuspageParser;

/** Fuzzes {@link StatuspageParser}: see {@link ParserFuzzing}. */
class StatuspageFuzzTest {
    private final StatuspageParser parser = new StatuspageParser();

    @FuzzTest(maxDuration = "3m")
    void parse(byte[] body) {
        ParserFuzzing.check(parser, body);
    }
}
