package org.epicenter.store.memory;

import java.util.LinkedHashMap;
import java.util.List;
import org.epicenter.catalog.CatalogChange;

/** Catalog changes in memory: one facet of {@link InMemoryStorage}. */
final class InMemoryCatalogChangeStore implements org.epicenter.store.CatalogChangeStore {
    private final LinkedHashMap<String, CatalogChange> changes = new LinkedHashMap<>();
    private long version;

    @Override
    public synchronized void save(CatalogChange change) {
        changes.remove(change.id());
        changes.put(change.id(), change);
        version++;
    }

    @Override
    public synchronized long version() {
        return version;
    }

    @Override
    public synchronized List<CatalogChange> all() {
        return List.copyOf(changes.values());
    }
}
