package org.epicenter.store.sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.epicenter.store.AlertStore.Entry;

/** Subscriptions, silences and the alert outbox (V4): one facet of {@link SqlStorage}, over its connections. */
final class SqlAlertStore implements org.epicenter.store.AlertStore {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final SqlStorage db;

    SqlAlertStore(SqlStorage db) {
        this.db = db;
    }

    @Override
    public void putSubscription(org.epicenter.alert.Subscription sub) {
        String body;
        try {
            body = JSON.writeValueAsString(sub);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        db.write(h -> h.execute(
                "INSERT INTO alert_subscriptions (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                sub.id(),
                body));
    }

    @Override
    public boolean deleteSubscription(String id) {
        return db.write(h -> h.execute("DELETE FROM alert_subscriptions WHERE id = ?", id)) > 0;
    }

    @Override
    public List<org.epicenter.alert.Subscription> subscriptions() {
        return db.read(h -> h.createQuery("SELECT body FROM alert_subscriptions ORDER BY id")
                .map((rs, ctx) -> {
                    try {
                        return JSON.readValue(rs.getString(1), org.epicenter.alert.Subscription.class);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new SQLException("alert_subscriptions: unreadable row", e);
                    }
                })
                .list());
    }

    @Override
    public void putSilence(org.epicenter.alert.Silence s) {
        db.write(h -> h.execute(
                "INSERT INTO alert_silences (id, services, providers, from_at, until_at, comment) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET services = excluded.services, providers = excluded.providers,"
                        + " from_at = excluded.from_at, until_at = excluded.until_at, comment = excluded.comment",
                s.id(),
                jsonList(s.services()),
                jsonList(s.providers()),
                s.from().toEpochMilli(),
                s.until().toEpochMilli(),
                s.comment()));
    }

    private static String jsonList(List<String> values) {
        var a = JSON.createArrayNode();
        values.forEach(a::add);
        return a.toString();
    }

    private static List<String> listOf(String json) throws SQLException {
        try {
            var out = new ArrayList<String>();
            JSON.readTree(json).forEach(n -> out.add(n.asText()));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable JSON list", e);
        }
    }

    @Override
    public boolean deleteSilence(String id) {
        return db.write(h -> h.execute("DELETE FROM alert_silences WHERE id = ?", id)) > 0;
    }

    @Override
    public List<org.epicenter.alert.Silence> silences() {
        return db.read(h -> h.createQuery(
                        "SELECT id, services, providers, from_at, until_at, comment FROM alert_silences ORDER BY id")
                .map((rs, ctx) -> new org.epicenter.alert.Silence(
                        rs.getString(1),
                        listOf(rs.getString(2)),
                        listOf(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        rs.getString(6)))
                .list());
    }

    @Override
    public void enqueue(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.write(h -> {
            var insert = h.prepareBatch(
                    "INSERT INTO alert_outbox (key, subscription, grp, kind, state, size, payload, attempts, next_attempt,"
                            + " last_error, created, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING");
            for (Entry e : entries) {
                insert.bind(0, e.key())
                        .bind(1, e.subscription())
                        .bind(2, e.group())
                        .bind(3, e.kind())
                        .bind(4, e.state())
                        .bind(5, e.size())
                        .bind(6, e.payload())
                        .bind(7, e.attempts())
                        .bind(8, e.nextAttempt().toEpochMilli())
                        .bind(9, e.lastError())
                        .bind(10, e.created().toEpochMilli())
                        .bind(11, Sql.millis(e.sent()))
                        .add();
            }
            insert.execute();
            return null;
        });
    }

    private static final String ENTRY_COLUMNS =
            "SELECT key, subscription, grp, kind, state, size, payload, attempts, next_attempt, last_error,"
                    + " created, sent FROM alert_outbox ";

    private static Entry entry(java.sql.ResultSet rs) throws SQLException {
        return new Entry(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getInt(8),
                Instant.ofEpochMilli(rs.getLong(9)),
                rs.getString(10),
                Instant.ofEpochMilli(rs.getLong(11)),
                Sql.instant(rs, 12));
    }

    @Override
    public Optional<Entry> entry(String key) {
        return db.read(h -> h.createQuery(ENTRY_COLUMNS + "WHERE key = ?")
                .bind(0, key)
                .map((rs, ctx) -> entry(rs))
                .findOne());
    }

    @Override
    public List<Entry> due(Instant now, int limit) {
        return db.read(h -> h.createQuery(ENTRY_COLUMNS
                        + "WHERE state = 'pending' AND next_attempt <= ? ORDER BY next_attempt, created LIMIT ?")
                .bind(0, now.toEpochMilli())
                .bind(1, limit)
                .map((rs, ctx) -> entry(rs))
                .list());
    }

    @Override
    public List<Entry> entriesSince(Instant since) {
        return db.read(h -> h.createQuery(ENTRY_COLUMNS + "WHERE created >= ? ORDER BY created, key")
                .bind(0, since.toEpochMilli())
                .map((rs, ctx) -> entry(rs))
                .list());
    }

    @Override
    public int deleteEntriesBefore(Instant before) {
        return db.write(h ->
                h.execute("DELETE FROM alert_outbox WHERE created < ? AND state <> 'pending'", before.toEpochMilli()));
    }

    @Override
    public boolean claim(String key, int attempts, Instant expectedNext, Instant leaseUntil) {
        return db.write(h -> h.execute(
                        "UPDATE alert_outbox SET next_attempt = ? WHERE key = ? AND state = 'pending' AND attempts = ?"
                                + " AND next_attempt = ?",
                        leaseUntil.toEpochMilli(),
                        key,
                        attempts,
                        expectedNext.toEpochMilli()))
                == 1;
    }

    @Override
    public void attempted(String key, String state, int attempts, Instant nextAttempt, String error, Instant sent) {
        db.write(h -> h.execute(
                "UPDATE alert_outbox SET state = ?, attempts = ?, next_attempt = ?, last_error = ?, sent = ? WHERE key = ?",
                state,
                attempts,
                nextAttempt.toEpochMilli(),
                error,
                Sql.millis(sent),
                key));
    }
}
