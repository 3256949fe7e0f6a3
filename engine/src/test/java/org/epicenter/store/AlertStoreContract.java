package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AlertStore contract (subscriptions, silences and the outbox). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class AlertStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    @Test
    void subscriptionsAndSilencesAreKeptByIdAndReplaced() {
        var hook = new org.epicenter.alert.Subscription(
                "ops",
                "webhook",
                "https://hooks.example/ops",
                "0123456789abcdef-secret",
                null,
                null,
                List.of("whatsapp"),
                null,
                null,
                List.of("SA"));
        storage().alerts().putSubscription(hook);
        var mail = new org.epicenter.alert.Subscription(
                "mail", "email", null, null, "ops@example.com", null, null, List.of("cloudflare"), null, null);
        storage().alerts().putSubscription(mail);
        storage().alerts().putSubscription(mail);
        assertThat(storage().alerts().subscriptions()).containsExactly(mail, hook);
        assertThat(storage().alerts().deleteSubscription("mail")).isTrue();
        assertThat(storage().alerts().deleteSubscription("mail")).isFalse();
        var silence = new org.epicenter.alert.Silence(
                "work", List.of("zoom"), List.of(), T0, T0.plusSeconds(3600), "planned ✓");
        storage().alerts().putSilence(silence);
        assertThat(storage().alerts().silences()).containsExactly(silence);
        assertThat(storage().alerts().deleteSilence("work")).isTrue();
        assertThat(storage().alerts().silences()).isEmpty();
    }

    @Test
    void theOutboxQueuesAKeyOnceAndRecordsAttempts() {
        var a = outboxEntry("ops|g|firing", T0);
        var b = outboxEntry("ops|g|resolved", T0.plusSeconds(60));
        storage().alerts().enqueue(List.of(a, b));
        storage()
                .alerts()
                .enqueue(List.of(new AlertStore.Entry(
                        "ops|g|firing", "ops", "g", "firing", "pending", 9, "{}", 0, T0, null, T0, null)));
        assertThat(storage().alerts().due(T0.plusSeconds(30), 10)).containsExactly(a);
        assertThat(storage().alerts().entry(a.key())).contains(a);
        assertThat(storage().alerts().entry("nope")).isEmpty();
        assertThat(storage().alerts().due(T0.plusSeconds(60), 10)).containsExactly(a, b);
        storage().alerts().attempted(a.key(), "pending", 1, T0.plusSeconds(120), "HTTP 500", null);
        assertThat(storage().alerts().due(T0.plusSeconds(60), 10)).containsExactly(b);
        storage().alerts().attempted(b.key(), "sent", 1, T0.plusSeconds(60), null, T0.plusSeconds(61));
        assertThat(storage().alerts().due(T0.plusSeconds(200), 10))
                .extracting(AlertStore.Entry::key)
                .containsExactly(a.key());
        assertThat(storage().alerts().entriesSince(T0))
                .extracting(AlertStore.Entry::state)
                .containsExactly("pending", "sent");
        assertThat(storage().alerts().entriesSince(T0).get(0).lastError()).isEqualTo("HTTP 500");
        assertThat(storage().alerts().entriesSince(T0).get(1).sent()).isEqualTo(T0.plusSeconds(61));
        assertThat(storage().alerts().deleteEntriesBefore(T0.plusSeconds(3600)))
                .as("the sent one; a pending one is kept")
                .isEqualTo(1);
        assertThat(storage().alerts().entriesSince(T0))
                .extracting(AlertStore.Entry::key)
                .containsExactly(a.key());
    }

    /** Two nodes ready to send the same entry: one takes it; the entry is due again when the lease ends. */
    @Test
    void oneSenderClaimsAnEntry() {
        var a = outboxEntry("ops|g|firing", T0);
        storage().alerts().enqueue(List.of(a));
        assertThat(storage().alerts().claim(a.key(), 0, T0, T0.plusSeconds(120)))
                .isTrue();
        assertThat(storage().alerts().claim(a.key(), 0, T0, T0.plusSeconds(121)))
                .as("the second node")
                .isFalse();
        assertThat(storage().alerts().due(T0.plusSeconds(60), 10)).as("leased").isEmpty();
        assertThat(storage().alerts().due(T0.plusSeconds(120), 10))
                .extracting(AlertStore.Entry::key)
                .containsExactly(a.key());
        storage().alerts().attempted(a.key(), "sent", 1, T0.plusSeconds(5), null, T0.plusSeconds(5));
        assertThat(storage().alerts().claim(a.key(), 1, T0.plusSeconds(5), T0.plusSeconds(200)))
                .as("a sent entry")
                .isFalse();
        assertThat(storage().alerts().claim("nope", 0, T0, T0)).isFalse();
    }
}
