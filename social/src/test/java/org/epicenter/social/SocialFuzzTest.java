package org.epicenter.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.epicenter.catalog.Catalog;

/**
 * Fuzzes what a stranger can send: a post's text through the classifier (any text gives a verdict
 * with a reason, never an exception), and a line of posts through {@link PostLine} (a post, or an
 * {@link IllegalArgumentException} in plain words). Seeds only in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for the durations given.
 */
class SocialFuzzTest {
    private static final PostClassifier CLASSIFIER = new PostClassifier(Catalog.defaults());

    @FuzzTest(maxDuration = "2m")
    void anyTextGetsAVerdict(byte[] text) {
        var v = CLASSIFIER.classify(new PostClassifier.Post(
                "f", Instant.parse("2025-11-18T11:32:00Z"), new String(text, StandardCharsets.UTF_8)));
        assertThat(v.why()).isNotBlank();
        assertThat(v.lang()).isIn("ar", "en", "arabizi");
    }

    @FuzzTest(maxDuration = "1m")
    void anyLineIsAPostOrSaysWhyNot(byte[] line) {
        try {
            PostLine p = PostLine.parse(new String(line, StandardCharsets.UTF_8));
            assertThat(p.id()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
        }
    }
}
