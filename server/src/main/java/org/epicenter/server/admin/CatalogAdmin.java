package org.epicenter.server.admin;

import java.util.concurrent.atomic.AtomicReference;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.store.CatalogChangeStore;

/**
 * Applies admin changes in two phases: build and validate the new catalog first (a bad change
 * throws and nothing moves), then store the change, then swap the snapshot in.
 */
public final class CatalogAdmin {
    private final AtomicReference<Catalog> current;
    private final CatalogChangeStore changes;
    private final java.util.List<java.util.function.Consumer<Catalog>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public CatalogAdmin(Catalog initial, CatalogChangeStore changes) {
        this.current = new AtomicReference<>(initial);
        this.changes = changes;
    }

    /** Told about every new catalog, after it is stored and swapped in. */
    public void onChange(java.util.function.Consumer<Catalog> listener) {
        listeners.add(listener);
    }

    public Catalog current() {
        return current.get();
    }

    /** Returns the new catalog; throws {@link org.epicenter.catalog.CatalogException} when the change is invalid. */
    public synchronized Catalog apply(CatalogChange change) {
        Catalog next = current.get().apply(change);
        changes.save(change);
        current.set(next);
        listeners.forEach(l -> l.accept(next));
        return next;
    }
}
