package org.epicenter.store.sql;

import java.util.List;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.catalog.CatalogCodec;

/** Catalog changes made through the admin API (V1): one facet of {@link SqlStorage}, over its connections. */
final class SqlCatalogChangeStore implements org.epicenter.store.CatalogChangeStore {
    private static final long CATALOG_LOCK = 0x43617461L << 32;
    private final SqlStorage db;

    SqlCatalogChangeStore(SqlStorage db) {
        this.db = db;
    }

    @Override
    public void save(CatalogChange change) {
        String json = switch (change) {
            case CatalogChange.Put put ->
                new String(CatalogCodec.writeEntryJson(put.entry()), java.nio.charset.StandardCharsets.UTF_8);
            case CatalogChange.Remove remove -> null;
        };
        db.write(h -> {
            db.lockFor(h, CATALOG_LOCK); // two nodes saving at once must not take one seq
            return h.execute(
                    "INSERT INTO catalog_changes (id, seq, entry) "
                            + "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM catalog_changes), ?) "
                            + "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, entry = excluded.entry",
                    change.id(),
                    json);
        });
    }

    @Override
    public long version() {
        return db.read(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM catalog_changes")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<CatalogChange> all() {
        return db.read(h -> h.createQuery("SELECT id, entry FROM catalog_changes ORDER BY seq")
                .map((rs, ctx) -> {
                    String json = rs.getString(2);
                    return json == null
                            ? (CatalogChange) new CatalogChange.Remove(rs.getString(1))
                            : new CatalogChange.Put(
                                    CatalogCodec.readEntryJson(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                })
                .list());
    }
}
