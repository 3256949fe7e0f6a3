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

    public CatalogAdmin(Catalog initial, CatalogChangeStore changes) {
        this.current = new AtomicReference<>(initial);
        this.changes = changes;
    }

    public Catalog current() {
        return current.get();
    }

    /** Returns the new catalog; throws {@link org.epicenter.catalog.CatalogException} when the change is invalid. */
    public synchronized Catalog apply(CatalogChange change) {
        Catalog next = current.get().apply(change);
        changes.save(change);
        current.set(next);
        return next;
    }
}
