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

    private final java.util.List<org.epicenter.catalog.CatalogDocument> layers;
    private long seen;

    private CatalogAdmin(
            Catalog initial,
            CatalogChangeStore changes,
            java.util.List<org.epicenter.catalog.CatalogDocument> layers,
            long seen) {
        this.current = new AtomicReference<>(initial);
        this.changes = changes;
        this.layers = layers;
        this.seen = seen;
    }

    /**
     * The catalog made of {@code layers} and every stored change; {@link #refresh} then follows
     * changes that other nodes store (cluster mode).
     */
    public static CatalogAdmin load(
            java.util.List<org.epicenter.catalog.CatalogDocument> layers, CatalogChangeStore changes) {
        long version =
                changes.version(); // read first: a change stored meanwhile moves it, and the next refresh sees it
        return new CatalogAdmin(Catalog.of(layers, changes.all()), changes, java.util.List.copyOf(layers), version);
    }

    /**
     * Takes in changes stored since the last look, by this node or another (cluster mode, each
     * tick). Returns true when the catalog changed. A stored change this node cannot apply (its own
     * catalog file differs) is logged and the current catalog kept.
     */
    public synchronized boolean refresh() {
        long version = changes.version();
        if (version == seen) {
            return false;
        }
        var stored = changes.all();
        Catalog next;
        try {
            next = Catalog.of(layers, stored);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CatalogAdmin.class)
                    .warn(
                            "a catalog change stored by another node does not apply here; keeping this catalog: {}",
                            e.getMessage());
            seen = version;
            return false;
        }
        seen = version;
        if (next.entries().equals(current.get().entries())) {
            return false; // this node's own change, already in
        }
        current.set(next);
        listeners.forEach(l -> l.accept(next));
        return true;
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
