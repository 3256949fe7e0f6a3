package org.epicenter.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.epicenter.feed.FeedSnapshot;
import org.junit.jupiter.api.Test;

/**
 * What every feed parser keeps, whatever its format: a good document gives a snapshot; empty,
 * truncated, wrongly typed and foreign bodies give a {@link FeedFormatException} with a message
 * (never another exception, never a half snapshot). A format's test is a short subclass.
 */
abstract class FeedParserContract {
    abstract FeedParser parser();

    /** A realistic document of the format, written by hand from its documentation. */
    abstract String fixture();

    /** The fixture with one field of the wrong type, and the words the error must contain. */
    abstract String[] wronglyTyped();

    static byte[] resource(String name) {
        try (InputStream in = FeedParserContract.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    FeedSnapshot good() throws FeedFormatException {
        return parser().parse(resource(fixture()));
    }

    @Test
    void aGoodDocumentGivesIncidentsNewestFirst() throws Exception {
        FeedSnapshot s = good();
        assertThat(s.incidents()).isNotEmpty();
        for (int i = 1; i < s.incidents().size(); i++) {
            assertThat(s.incidents().get(i - 1).created())
                    .isAfterOrEqualTo(s.incidents().get(i).created());
        }
        assertThat(s.incidents()).allSatisfy(i -> {
            assertThat(i.title()).isNotBlank();
            assertThat(i.impact()).isNotNull();
        });
    }

    @Test
    void anEmptyBodyIsRefusedWithAMessage() {
        assertThatThrownBy(() -> parser().parse(new byte[0]))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void everyTruncationIsRefusedNeverThrownAnotherWay() {
        byte[] whole = resource(fixture());
        for (int cut = 1; cut < whole.length; cut += Math.max(1, whole.length / 97)) {
            byte[] part = Arrays.copyOf(whole, cut);
            try {
                parser().parse(part);
            } catch (FeedFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("cut at " + cut + " threw " + e, e);
            }
        }
    }

    @Test
    void aWronglyTypedFieldIsNamed() {
        String[] bad = wronglyTyped();
        assertThatThrownBy(() -> parser().parse(bad[0].getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageContaining(bad[1]);
    }

    /** Bodies that are not this format (a proxy's error page, JSON of the wrong shape). */
    String[] foreignBodies() {
        return new String[] {"<html><body>502 Bad Gateway</body></html>", "null", "[]", "\"ok\"", "{\"x\":"};
    }

    @Test
    void foreignBodiesAreRefused() {
        for (String body : foreignBodies()) {
            assertThatThrownBy(() -> parser().parse(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isInstanceOf(FeedFormatException.class);
        }
    }
}
