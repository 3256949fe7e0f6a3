package org.epicenter.store.sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.epicenter.store.SocialStore;

/** Social posts (SQLite V7, PostgreSQL V3): one facet of {@link SqlStorage}, over its connections. */
final class SqlSocialStore implements SocialStore {
    private static final String COLUMNS =
            "SELECT source, id, link, at, service, outage, lang, author, text, why, new_account FROM social_posts ";
    private final SqlStorage db;

    SqlSocialStore(SqlStorage db) {
        this.db = db;
    }

    @Override
    public boolean add(Post p) {
        return db.write(h -> h.execute(
                        "INSERT INTO social_posts (source, id, link, at, service, outage, lang, author, text, why, new_account)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, id) DO NOTHING",
                        p.source(),
                        p.id(),
                        p.link(),
                        p.at().toEpochMilli(),
                        p.service(),
                        p.outage() ? 1 : 0,
                        p.lang(),
                        p.author(),
                        p.text(),
                        p.why(),
                        p.newAccount() ? 1 : 0))
                == 1;
    }

    private static Post post(java.sql.ResultSet rs) throws SQLException {
        return new Post(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)),
                rs.getString(5),
                rs.getInt(6) == 1,
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getInt(11) == 1);
    }

    @Override
    public List<Post> outages(String service, Instant from, Instant to, int limit) {
        return db.read(h -> h.createQuery(
                        COLUMNS
                                + "WHERE service = ? AND outage = 1 AND at >= ? AND at < ? ORDER BY at DESC, source, id LIMIT ?")
                .bind(0, service)
                .bind(1, from.toEpochMilli())
                .bind(2, to.toEpochMilli())
                .bind(3, limit)
                .map((rs, ctx) -> post(rs))
                .list());
    }

    @Override
    public List<Post> outagesSince(Instant from) {
        return db.read(h -> h.createQuery(COLUMNS + "WHERE outage = 1 AND at >= ? ORDER BY at, source, id")
                .bind(0, from.toEpochMilli())
                .map((rs, ctx) -> post(rs))
                .list());
    }

    @Override
    public int forgetTextBefore(Instant before) {
        return db.write(h -> h.execute(
                "UPDATE social_posts SET text = NULL, link = NULL WHERE at < ? AND (text IS NOT NULL OR link IS NOT NULL)",
                before.toEpochMilli()));
    }

    @Override
    public int deleteBefore(Instant before) {
        return db.write(h -> h.execute("DELETE FROM social_posts WHERE at < ?", before.toEpochMilli()));
    }
}
