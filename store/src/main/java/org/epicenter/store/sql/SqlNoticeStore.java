package org.epicenter.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.epicenter.store.NoticeStore;

/** Notices in SQL (table {@code notices}, V5): one facet of {@link SqlStorage}. */
final class SqlNoticeStore implements NoticeStore {
    private static final String COLUMNS =
            "SELECT id, service, email, email_key, lang, state, created, since, confirmed, mail, attempts,"
                    + " next_attempt, last_error, sent FROM notices ";
    private final SqlStorage db;

    SqlNoticeStore(SqlStorage db) {
        this.db = db;
    }

    private static Notice notice(ResultSet rs) throws SQLException {
        return new Notice(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)),
                Instant.ofEpochMilli(rs.getLong(8)),
                Sql.instant(rs, 9),
                rs.getString(10),
                rs.getInt(11),
                Instant.ofEpochMilli(rs.getLong(12)),
                rs.getString(13),
                Sql.instant(rs, 14));
    }

    @Override
    public Notice add(Notice n) {
        return db.write(h -> {
            db.lockFor(h, 0x4e6f7469L << 32 | (n.emailKey().hashCode() & 0xffffffffL));
            Optional<Notice> open = h.createQuery(COLUMNS
                            + "WHERE email_key = ? AND service = ? AND state IN ('unconfirmed', 'watching') LIMIT 1")
                    .bind(0, n.emailKey())
                    .bind(1, n.service())
                    .map((rs, ctx) -> notice(rs))
                    .findOne();
            if (open.isPresent()) {
                return open.get();
            }
            h.execute(
                    "INSERT INTO notices (id, service, email, email_key, lang, state, created, since, confirmed, mail, attempts, next_attempt,"
                            + " last_error, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    n.id(),
                    n.service(),
                    n.email(),
                    n.emailKey(),
                    n.lang(),
                    n.state(),
                    n.created().toEpochMilli(),
                    n.since().toEpochMilli(),
                    Sql.millis(n.confirmed()),
                    n.mail(),
                    n.attempts(),
                    n.nextAttempt().toEpochMilli(),
                    n.lastError(),
                    Sql.millis(n.sent()));
            return n;
        });
    }

    @Override
    public Optional<Notice> notice(String id) {
        return db.read(h -> h.createQuery(COLUMNS + "WHERE id = ?")
                .bind(0, id)
                .map((rs, ctx) -> notice(rs))
                .findOne());
    }

    @Override
    public boolean update(Notice n, String expectedState) {
        return db.write(h -> h.execute(
                        "UPDATE notices SET state = ?, confirmed = ?, mail = ?, attempts = ?, next_attempt = ?, last_error = ?,"
                                + " sent = ? WHERE id = ? AND state = ?",
                        n.state(),
                        Sql.millis(n.confirmed()),
                        n.mail(),
                        n.attempts(),
                        n.nextAttempt().toEpochMilli(),
                        n.lastError(),
                        Sql.millis(n.sent()),
                        n.id(),
                        expectedState))
                == 1;
    }

    @Override
    public List<Notice> inState(String state, int limit) {
        return db.read(h -> h.createQuery(COLUMNS + "WHERE state = ? ORDER BY created, id LIMIT ?")
                .bind(0, state)
                .bind(1, limit)
                .map((rs, ctx) -> notice(rs))
                .list());
    }

    @Override
    public List<Notice> mailDue(Instant now, int limit) {
        return db.read(h -> h.createQuery(
                        COLUMNS + "WHERE mail IS NOT NULL AND next_attempt <= ? ORDER BY next_attempt, created LIMIT ?")
                .bind(0, now.toEpochMilli())
                .bind(1, limit)
                .map((rs, ctx) -> notice(rs))
                .list());
    }

    @Override
    public int countByAddressSince(String emailKey, Instant since) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM notices WHERE email_key = ? AND created >= ?")
                .bind(0, emailKey)
                .bind(1, since.toEpochMilli())
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int countSince(Instant since) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM notices WHERE created >= ?")
                .bind(0, since.toEpochMilli())
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int deleteBefore(Instant before) {
        return db.write(h -> h.execute("DELETE FROM notices WHERE created < ?", before.toEpochMilli()));
    }
}
