package org.epicenter.feeds.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.epicenter.feeds.RssAtomParser;

/** Fuzzes {@link RssAtomParser}: see {@link ParserFuzzing}. */
class RssAtomFuzzTest {
    private final RssAtomParser parser = new RssAtomParser();

    @FuzzTest(maxDuration = "3m")
    void parse(byte[] body) {
        ParserFuzzing.check(parser, body);
    }
}
