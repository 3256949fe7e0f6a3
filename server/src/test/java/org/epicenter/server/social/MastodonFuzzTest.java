package org.epicenter.server.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what an instance can send: a page of statuses is read into posts, or refused with an
 * {@link IllegalArgumentException}; a status's HTML always becomes text. Any other exception, a
 * hang or running out of memory is a finding. Seeds only in the normal build.
 */
class MastodonFuzzTest {
    @FuzzTest(maxDuration = "1m")
    void aPageOfStatuses(byte[] body) {
        try {
            for (var st : MastodonSource.parse("fuzz.example", body)) {
                assertThat(st.post().id()).isNotEmpty();
                assertThat(st.post().text()).isNotNull().doesNotContain("\u0000");
                assertThat(st.post().text().length()).isLessThanOrEqualTo(org.epicenter.social.PostLine.MAX_TEXT);
            }
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "1m")
    void htmlToText(byte[] html) {
        assertThat(MastodonSource.text(new String(html, java.nio.charset.StandardCharsets.UTF_8)))
                .isNotNull();
    }
}
