package org.epicenter.feeds.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.epicenter.feeds.GoogleCloudParser;

/** Fuzzes {@link GoogleCloudParser}: see {@link ParserFuzzing}. */
class GoogleCloudFuzzTest {
    private final GoogleCloudParser parser = new GoogleCloudParser();

    @FuzzTest(maxDuration = "3m")
    void parse(byte[] body) {
        ParserFuzzing.check(parser, body);
    }
}
