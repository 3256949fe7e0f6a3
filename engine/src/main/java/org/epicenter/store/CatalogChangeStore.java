package org.epicenter.store;

import java.util.List;
import org.epicenter.catalog.CatalogChange;

/** Admin API changes to the catalog, kept so they survive restarts. Last change per id wins. */
public interface CatalogChangeStore {
    void save(CatalogChange change);

    /** The latest change of every id, in the order they were last made. */
    List<CatalogChange> all();

    /**
     * A number that grows with every {@link #save}, from any node: a node that saw one value and
     * reads a different one knows the catalog changed elsewhere (0 before the first change).
     */
    long version();
}
