package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import org.junit.jupiter.api.Test;

/**
 * The NoticeStore contract (visitors' notices). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class NoticeStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    @Test
    void aNoticeIsKeptOncePerAddressAndServiceUntilItIsFinished() {
        NoticeStore notices = storage().notices();
        var first = notice("n1", "whatsapp", "Sara@Mail.example", T0);
        assertThat(notices.add(first)).isEqualTo(first);
        // the same address in other letters, same service: the open notice answers, nothing is added
        assertThat(notices.add(notice("n2", "whatsapp", "sara@mail.EXAMPLE", T0.plusSeconds(5))))
                .isEqualTo(first);
        assertThat(notices.notice("n2")).isEmpty();
        var other = notice("n3", "instagram", "sara@mail.example", T0.plusSeconds(6));
        assertThat(notices.add(other)).isEqualTo(other);
        assertThat(notices.countByAddressSince("sara@mail.example", T0)).isEqualTo(2);
        assertThat(notices.countByAddressSince("sara@mail.example", T0.plusSeconds(6)))
                .isEqualTo(1);
        assertThat(notices.countSince(T0)).isEqualTo(2);

        assertThat(notices.mailDue(T0, 10)).extracting(NoticeStore.Notice::id).containsExactly("n1");
        assertThat(notices.mailDue(T0.plusSeconds(60), 10))
                .extracting(NoticeStore.Notice::id)
                .containsExactly("n1", "n3");
        var sent = first.with("unconfirmed", null, 1, T0.plusSeconds(1), null, T0.plusSeconds(1));
        assertThat(notices.update(sent, "unconfirmed")).isTrue();
        assertThat(notices.mailDue(T0.plusSeconds(60), 10))
                .extracting(NoticeStore.Notice::id)
                .containsExactly("n3");
        var watching = sent.confirmedAt(T0.plusSeconds(90));
        assertThat(notices.update(watching, "watching"))
                .as("read as watching: it is not")
                .isFalse();
        assertThat(notices.update(watching, "unconfirmed")).isTrue();
        assertThat(notices.notice("n1")).contains(watching);
        assertThat(notices.inState("watching", 10)).containsExactly(watching);

        // once finished (stopped here), the same address may ask again for the same service
        // a stop on one node, then another node's mail recorded from its older read: the stop stays
        assertThat(notices.update(watching.with("stopped", null, 0, T0.plusSeconds(95), null, null), "watching"))
                .isTrue();
        assertThat(notices.update(
                        watching.with("told", null, 1, T0.plusSeconds(100), null, T0.plusSeconds(100)), "watching"))
                .isFalse();
        assertThat(notices.notice("n1").orElseThrow().state()).isEqualTo("stopped");
        assertThat(notices.update(watching, "watching"))
                .as("a notice in another state")
                .isFalse();
        var again = notice("n4", "whatsapp", "sara@mail.example", T0.plusSeconds(200));
        assertThat(notices.add(again)).isEqualTo(again);

        assertThat(notices.deleteBefore(T0.plusSeconds(6))).isEqualTo(1);
        assertThat(notices.notice("n1")).isEmpty();
        assertThat(notices.notice("n3")).isPresent();
    }

    @Test
    void noticesKeepHostileTextAsGiven() {
        String email = "\"o'brien; DROP TABLE notices\"@xn--mgbh0fb.example";
        var n = notice("n1", "whatsapp", email, T0);
        storage().notices().add(n);
        assertThat(storage().notices().notice("n1")).contains(n);
        assertThat(storage().notices().countByAddressSince(email.toLowerCase(java.util.Locale.ROOT), T0))
                .isEqualTo(1);
    }
}
