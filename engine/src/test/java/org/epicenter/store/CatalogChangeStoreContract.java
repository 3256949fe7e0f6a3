package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.catalog.CatalogEntry;
import org.junit.jupiter.api.Test;

/**
 * The CatalogChangeStore contract (catalog changes). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class CatalogChangeStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    @Test
    void catalogChangesKeepTheLastChangePerIdInOrder() {
        CatalogEntry x = Catalog.defaults().find("x").orElseThrow();
        CatalogEntry chatgpt = Catalog.defaults().find("chatgpt").orElseThrow();
        storage().catalogChanges().save(new CatalogChange.Put(x));
        storage().catalogChanges().save(new CatalogChange.Put(chatgpt));
        storage().catalogChanges().save(new CatalogChange.Remove("x"));

        assertThat(storage().catalogChanges().all())
                .containsExactly(new CatalogChange.Put(chatgpt), new CatalogChange.Remove("x"));
    }

    @Test
    void theVersionGrowsWithEverySaveAndOnlyThen() {
        var changes = storage().catalogChanges();
        long before = changes.version();
        assertThat(before).isZero();
        CatalogEntry x = Catalog.defaults().find("x").orElseThrow();
        changes.save(new CatalogChange.Put(x));
        long one = changes.version();
        changes.save(new CatalogChange.Put(x)); // the same change again is still a change made
        long two = changes.version();
        changes.save(new CatalogChange.Remove("no-such-entry"));
        long three = changes.version();

        assertThat(one).isGreaterThan(before);
        assertThat(two).isGreaterThan(one);
        assertThat(three).isGreaterThan(two);
        assertThat(changes.version()).isEqualTo(three);
        assertThat(changes.all()).hasSize(2);
    }
}
