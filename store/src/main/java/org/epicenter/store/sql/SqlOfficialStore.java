package org.epicenter.store.sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Official incidents from status pages (V3): one facet of {@link SqlStorage}, over its connections. */
final class SqlOfficialStore implements org.epicenter.store.OfficialStore {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final SqlStorage db;

    SqlOfficialStore(SqlStorage db) {
        this.db = db;
    }

    @Override
    public void saveOfficial(List<org.epicenter.feed.OfficialRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        db.write(h -> {
            var upsert = h.prepareBatch(
                    "INSERT INTO official_incidents (entry, feed, id, title, state, impact, created, updated, resolved, link,"
                            + " maintenance, from_at, until_at, affected, updates, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (entry, feed, id) DO UPDATE SET title = excluded.title, state = excluded.state, impact = excluded.impact,"
                            + " created = excluded.created, updated = excluded.updated, resolved = excluded.resolved, link = excluded.link,"
                            + " maintenance = excluded.maintenance, from_at = excluded.from_at, until_at = excluded.until_at,"
                            + " affected = excluded.affected, updates = excluded.updates");
            for (var r : records) {
                var i = r.incident();
                var updates = JSON.createArrayNode();
                for (var u : i.updates()) {
                    updates.addObject()
                            .put("at", u.at().toEpochMilli())
                            .put("state", u.state())
                            .put("body", u.body());
                }
                var affected = JSON.createArrayNode();
                i.affected().forEach(affected::add);
                upsert.bind(0, r.entry())
                        .bind(1, r.feed())
                        .bind(2, i.id())
                        .bind(3, i.title())
                        .bind(4, i.state())
                        .bind(5, i.impact().name())
                        .bind(6, i.created().toEpochMilli())
                        .bind(7, Sql.millis(i.updated()))
                        .bind(8, Sql.millis(i.resolved()))
                        .bind(9, i.link())
                        .bind(10, i.maintenance() ? 1 : 0)
                        .bind(11, Sql.millis(i.from()))
                        .bind(12, Sql.millis(i.until()))
                        .bind(13, affected.toString())
                        .bind(14, updates.toString())
                        .bind(15, r.firstSeen().toEpochMilli())
                        .add();
            }
            upsert.execute();
            return null;
        });
    }

    private static org.epicenter.feed.OfficialRecord official(java.sql.ResultSet rs) throws SQLException {
        try {
            var updates = new ArrayList<org.epicenter.feed.FeedSnapshot.Update>();
            for (var u : JSON.readTree(rs.getString(15))) {
                updates.add(new org.epicenter.feed.FeedSnapshot.Update(
                        Instant.ofEpochMilli(u.get("at").asLong()),
                        u.get("state").asText(),
                        u.get("body").isNull() ? null : u.get("body").asText()));
            }
            var affected = new ArrayList<String>();
            JSON.readTree(rs.getString(14)).forEach(a -> affected.add(a.asText()));
            var incident = new org.epicenter.feed.FeedSnapshot.Incident(
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    org.epicenter.feed.OfficialState.valueOf(rs.getString(6)),
                    Instant.ofEpochMilli(rs.getLong(7)),
                    Sql.instant(rs, 8),
                    Sql.instant(rs, 9),
                    rs.getString(10),
                    rs.getInt(11) == 1,
                    Sql.instant(rs, 12),
                    Sql.instant(rs, 13),
                    updates,
                    affected);
            return new org.epicenter.feed.OfficialRecord(
                    rs.getString(1), rs.getString(2), incident, Instant.ofEpochMilli(rs.getLong(16)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("official_incidents row " + rs.getString(3) + ": unreadable JSON", e);
        }
    }

    @Override
    public List<org.epicenter.feed.OfficialRecord> officialSince(Instant since) {
        return db.read(h -> h.createQuery(
                        "SELECT entry, feed, id, title, state, impact, created, updated, resolved, link, maintenance,"
                                + " from_at, until_at, affected, updates, first_seen FROM official_incidents"
                                + " WHERE created >= ? OR resolved IS NULL ORDER BY created, entry, feed, id")
                .bind(0, since.toEpochMilli())
                .map((rs, ctx) -> official(rs))
                .list());
    }

    @Override
    public int deleteOfficialBefore(Instant before) {
        return db.write(h -> h.execute(
                "DELETE FROM official_incidents WHERE resolved IS NOT NULL AND resolved < ?", before.toEpochMilli()));
    }
}
