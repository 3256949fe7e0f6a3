package org.epicenter.catalog;

/** A change made through the admin API, stored and replayed over the file layers at start-up. */
public sealed interface CatalogChange {
    String id();

    record Put(CatalogEntry entry) implements CatalogChange {
        @Override
        public String id() {
            return entry.id();
        }
    }

    record Remove(String id) implements CatalogChange {}
}
