package org.epicenter.feeds.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.epicenter.feeds.InstatusParser;

/** Fuzzes {@link InstatusParser}: see {@link ParserFuzzing}. */
class InstatusFuzzTest {
    private final InstatusParser parser = new InstatusParser();

    @FuzzTest(maxDuration = "3m")
    void parse(byte[] body) {
        ParserFuzzing.check(parser, body);
    }
}
