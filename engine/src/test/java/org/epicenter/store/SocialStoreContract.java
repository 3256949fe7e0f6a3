package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import org.junit.jupiter.api.Test;

/**
 * The SocialStore contract (social posts). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class SocialStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    private static SocialStore.Post post(String id, int seconds, String service, boolean outage) {
        return new SocialStore.Post(
                "push",
                id,
                "https://example.social/@a/" + id,
                T0.plusSeconds(seconds),
                service,
                outage,
                "ar",
                "h" + id,
                "الواتس واقف عندكم؟ «" + id + "» ' \" ; --",
                "outage: «واقف»",
                id.equals("2"));
    }

    @Test
    void postsAreKeptOnceNewestFirstAndForgottenInTwoSteps() {
        var social = storage().social();
        var a = post("1", 0, "whatsapp", true);
        var b = post("2", 60, "whatsapp", true);
        var c = post("3", 30, "whatsapp", false);
        var d = post("4", 90, "instagram", true);
        assertThat(social.add(a)).isTrue();
        assertThat(social.add(a)).as("the same source and id again").isFalse();
        assertThat(social.add(b)).isTrue();
        assertThat(social.add(c)).isTrue();
        assertThat(social.add(d)).isTrue();
        assertThat(social.add(new SocialStore.Post(
                        "mastodon:example.social", "1", null, T0, null, false, "en", "x", null, "no service", false)))
                .as("the same id from another source")
                .isTrue();

        assertThat(social.outages("whatsapp", T0, T0.plusSeconds(3600), 10)).containsExactly(b, a);
        assertThat(social.outages("whatsapp", T0, T0.plusSeconds(3600), 1)).containsExactly(b);
        assertThat(social.outages("whatsapp", T0.plusSeconds(1), T0.plusSeconds(60), 10))
                .isEmpty();
        assertThat(social.outagesSince(T0)).containsExactly(a, b, d);

        assertThat(social.forgetTextBefore(T0.plusSeconds(60))).isEqualTo(2); // a and c; the other source's had none
        assertThat(social.outagesSince(T0).get(0).text()).isNull();
        assertThat(social.outagesSince(T0).get(0).link())
                .as("a link may name its author")
                .isNull();
        assertThat(social.outagesSince(T0).get(0).author()).isEqualTo("h1");
        assertThat(social.outagesSince(T0).get(1).text()).isEqualTo(b.text());
        assertThat(social.outagesSince(T0).get(1).newAccount()).isTrue();
        assertThat(social.outagesSince(T0).get(0).newAccount()).isFalse();
        assertThat(social.deleteBefore(T0.plusSeconds(60))).isEqualTo(3);
        assertThat(social.outagesSince(T0)).containsExactly(b, d);
    }
}
