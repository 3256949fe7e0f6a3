package org.epicenter.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackNoticesTest {
    @Test
    void oneInboxHoweverItIsWritten() {
        assertThat(BackNotices.inbox("Layla.H+outages@GMail.com")).isEqualTo("laylah@gmail.com");
        assertThat(BackNotices.inbox("l.a.y.l.a.h@googlemail.com")).isEqualTo("laylah@gmail.com");
        assertThat(BackNotices.inbox("first.last+x@bank.example"))
                .as("dots matter outside Gmail")
                .isEqualTo("first.last@bank.example");
        assertThat(BackNotices.inbox("+tag@bank.example"))
                .as("a tag with no name before it is the name")
                .isEqualTo("+tag@bank.example");
    }

    @Test
    void aMaskedAddressShowsOneWholeCharacter() {
        assertThat(BackNotices.masked("sara@mail.example")).isEqualTo("s***@mail.example");
        assertThat(BackNotices.masked("\uD83D\uDE00z@x.example")).isEqualTo("\uD83D\uDE00***@x.example");
        assertThat(BackNotices.masked("@x.example")).isEqualTo("***@x.example");
    }
}
