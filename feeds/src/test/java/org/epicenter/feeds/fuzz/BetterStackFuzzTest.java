package org.epicenter.feeds.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.epicenter.feeds.BetterStackParser;

/** Fuzzes {@link BetterStackParser}: see {@link ParserFuzzing}. */
class BetterStackFuzzTest {
    private final BetterStackParser parser = new BetterStackParser();

    @FuzzTest(maxDuration = "3m")
    void parse(byte[] body) {
        ParserFuzzing.check(parser, body);
    }
}
