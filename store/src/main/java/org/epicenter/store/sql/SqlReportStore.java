package org.epicenter.store.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;

/** Reports and their minute counts (V1): one facet of {@link SqlStorage}, over its connections. */
final class SqlReportStore implements org.epicenter.store.ReportStore {
    private final SqlStorage db;

    /**
     * The two hot-path statements (JDBI's per-call binding costs more than the insert). A backend with
     * one writer connection (SQLite) prepares them once; a pooled one prepares them per batch.
     */
    private record WriterStatements(PreparedStatement insertRaw, PreparedStatement upsertCount)
            implements AutoCloseable {
        static WriterStatements prepare(java.sql.Connection c) throws SQLException {
            return new WriterStatements(
                    c.prepareStatement(
                            "INSERT INTO reports (received_at, service, problem, country, reporter, counted) "
                                    + "VALUES (?, ?, ?, ?, ?, ?)"),
                    c.prepareStatement("INSERT INTO minute_counts (service, minute, country, problem, reports) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (service, minute, country, problem) "
                            + "DO UPDATE SET reports = minute_counts.reports + excluded.reports"));
        }

        @Override
        public void close() throws SQLException {
            insertRaw.close();
            upsertCount.close();
        }
    }

    private WriterStatements statements; // guarded by the writer lock, only when the backend has one writer

    /** Closes the prepared statements; called by {@link SqlStorage#close} under the writer lock. */
    void closeStatements() {
        if (statements != null) {
            try {
                statements.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            statements = null;
        }
    }

    SqlReportStore(SqlStorage db) {
        this.db = db;
    }

    /** Ordered, so that concurrent writers (PostgreSQL nodes) lock count rows in one order and never deadlock. */
    private record CountKey(String service, long minute, String country, String problem)
            implements Comparable<CountKey> {
        private static final java.util.Comparator<CountKey> ORDER = java.util.Comparator.comparing(CountKey::service)
                .thenComparingLong(CountKey::minute)
                .thenComparing(CountKey::country)
                .thenComparing(CountKey::problem);

        @Override
        public int compareTo(CountKey o) {
            return ORDER.compare(this, o);
        }
    }

    private static java.util.SortedMap<CountKey, Long> counts(List<Report> batch) {
        var counts = new java.util.TreeMap<CountKey, Long>();
        for (Report r : batch) {
            if (r.counted()) {
                counts.merge(
                        new CountKey(
                                r.service(),
                                r.minute(),
                                r.country(),
                                r.problem().wireName()),
                        1L,
                        Long::sum);
            }
        }
        return counts;
    }

    @Override
    public void append(List<Report> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var counts = counts(batch);
        db.write(h -> {
            appendIn(h, batch, counts);
            return null;
        });
    }

    private void appendIn(org.jdbi.v3.core.Handle h, List<Report> batch, java.util.SortedMap<CountKey, Long> counts) {
        try {
            if (db.oneWriter()) {
                if (statements == null) {
                    statements = WriterStatements.prepare(h.getConnection());
                }
                write(statements, batch, counts);
            } else {
                try (var s = WriterStatements.prepare(h.getConnection())) {
                    write(s, batch, counts);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + batch.size() + " reports: " + e.getMessage(), e);
        }
    }

    @Override
    public void appendFromLog(List<Report> batch, String partition, long from, long to, Instant caughtUp) {
        var counts = counts(batch);
        db.write(h -> {
            h.execute(
                    "INSERT INTO log_checkpoints (part, next_offset, caught_up) VALUES (?, 0, NULL) ON CONFLICT (part) DO NOTHING",
                    partition);
            int moved = caughtUp == null
                    ? h.execute(
                            "UPDATE log_checkpoints SET next_offset = ? WHERE part = ? AND next_offset = ?",
                            to,
                            partition,
                            from)
                    : h.execute(
                            "UPDATE log_checkpoints SET next_offset = ?, caught_up = ? WHERE part = ? AND next_offset = ?",
                            to,
                            caughtUp.toEpochMilli(),
                            partition,
                            from);
            if (moved != 1) {
                throw new StaleCheckpoint(partition, from); // rolls the transaction back
            }
            if (!batch.isEmpty()) {
                appendIn(h, batch, counts);
            }
            return null;
        });
    }

    @Override
    public Map<String, Checkpoint> checkpoints() {
        return db.read(h -> {
            var out = new java.util.TreeMap<String, Checkpoint>();
            h.createQuery("SELECT part, next_offset, caught_up FROM log_checkpoints")
                    .map((rs, ctx) -> out.put(
                            rs.getString(1), new Checkpoint(rs.getString(1), rs.getLong(2), Sql.instant(rs, 3))))
                    .list();
            return out;
        });
    }

    private static void write(WriterStatements s, List<Report> batch, java.util.SortedMap<CountKey, Long> counts)
            throws SQLException {
        PreparedStatement raw = s.insertRaw();
        for (Report r : batch) {
            raw.setLong(1, r.receivedAt().toEpochMilli());
            raw.setString(2, r.service());
            raw.setString(3, r.problem().wireName());
            raw.setString(4, r.country());
            raw.setString(5, r.reporter());
            raw.setInt(6, r.counted() ? 1 : 0);
            raw.addBatch();
        }
        raw.executeBatch();
        if (!counts.isEmpty()) {
            PreparedStatement agg = s.upsertCount();
            for (var c : counts.entrySet()) {
                agg.setString(1, c.getKey().service());
                agg.setLong(2, c.getKey().minute());
                agg.setString(3, c.getKey().country());
                agg.setString(4, c.getKey().problem());
                agg.setLong(5, c.getValue());
                agg.addBatch();
            }
            agg.executeBatch();
        }
    }

    @Override
    public List<MinuteCount> minuteCounts(String service, long fromMinute, long toMinute) {
        return db.read(h -> h.createQuery("SELECT minute, country, problem, reports FROM minute_counts "
                        + "WHERE service = ? AND minute >= ? AND minute < ? ORDER BY minute, country, problem")
                .bind(0, service)
                .bind(1, fromMinute)
                .bind(2, toMinute)
                .map((rs, ctx) -> new MinuteCount(
                        rs.getLong(1),
                        service,
                        rs.getString(2),
                        Problem.fromWire(rs.getString(3)).orElse(Problem.OTHER),
                        rs.getLong(4)))
                .list());
    }

    @Override
    public void forEachMinuteCount(long fromMinute, long toMinute, java.util.function.Consumer<MinuteCount> sink) {
        db.read(h -> {
            try (var rows = h
                    .createQuery("SELECT minute, service, country, problem, reports FROM minute_counts "
                            + "WHERE minute >= ? AND minute < ? ORDER BY minute, service, country, problem")
                    .bind(0, fromMinute)
                    .bind(1, toMinute)
                    .map((rs, ctx) -> new MinuteCount(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            Problem.fromWire(rs.getString(4)).orElse(Problem.OTHER),
                            rs.getLong(5)))
                    .stream()) {
                rows.forEach(sink);
            }
            return null;
        });
    }

    @Override
    public Map<String, Long> countsByService(long fromMinute, long toMinute) {
        return db.read(h -> {
            var out = new HashMap<String, Long>();
            h.createQuery(
                            "SELECT service, SUM(reports) FROM minute_counts WHERE minute >= ? AND minute < ? GROUP BY service")
                    .bind(0, fromMinute)
                    .bind(1, toMinute)
                    .map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2)))
                    .list();
            return out;
        });
    }

    @Override
    public List<Report> countedSince(Instant since) {
        return db.read(h -> h.createQuery("SELECT received_at, service, problem, country, reporter FROM reports "
                        + "WHERE received_at >= ? AND counted = 1 ORDER BY received_at, id")
                .bind(0, since.toEpochMilli())
                .map((rs, ctx) -> new Report(
                        Instant.ofEpochMilli(rs.getLong(1)),
                        rs.getString(2),
                        Problem.fromWire(rs.getString(3)).orElse(Problem.OTHER),
                        rs.getString(4),
                        rs.getString(5),
                        true))
                .list());
    }

    @Override
    public long rawCount() {
        return db.read(h ->
                h.createQuery("SELECT COUNT(*) FROM reports").mapTo(Long.class).one());
    }

    @Override
    public int deleteRawBefore(Instant before) {
        return db.write(h -> h.execute("DELETE FROM reports WHERE received_at < ?", before.toEpochMilli()));
    }

    @Override
    public int deleteMinuteCountsBefore(long minute) {
        return db.write(h -> h.execute("DELETE FROM minute_counts WHERE minute < ?", minute));
    }
}
