package org.epicenter.store;

import java.util.List;
import org.epicenter.catalog.CatalogChange;

/** Admin API changes to the catalog, kept so they survive restarts. Last change per id wins. */
public interface CatalogChangeStore {
    void save(CatalogChange change);

    /** The latest change of every id, in the order they were last made. */
    List<CatalogChange> all();
}
