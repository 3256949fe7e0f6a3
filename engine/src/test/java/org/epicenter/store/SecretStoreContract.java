package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The SecretStore contract (reporter keys and settings). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class SecretStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    @Test
    void reporterKeysAreCreatedOncePerDayAndForgotten() {
        LocalDate day = LocalDate.of(2025, 11, 18);
        byte[] first = storage().secrets().reporterKey(day, new byte[] {1, 2, 3});
        byte[] second = storage().secrets().reporterKey(day, new byte[] {9, 9, 9});
        assertThat(first).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(1, 2, 3);

        storage().secrets().forgetReporterKeysBefore(day.plusDays(1));
        assertThat(storage().secrets().reporterKey(day, new byte[] {7})).containsExactly(7);
    }

    @Test
    void settingsAreOverwritten() {
        assertThat(storage().secrets().setting("a")).isEmpty();
        storage().secrets().putSetting("a", "1");
        storage().secrets().putSetting("a", "2");
        assertThat(storage().secrets().setting("a")).contains("2");
    }
}
