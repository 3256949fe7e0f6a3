package org.epicenter.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;

/** Reports and their minute counts (V1): one facet of {@link SqliteStorage}, over its connections. */
final class SqliteReportStore implements org.epicenter.store.ReportStore {
    private final SqliteStorage db;

    /** The two hot-path statements, prepared once on the writer connection (JDBI's per-call binding costs more than the insert). */
    private record WriterStatements(PreparedStatement insertRaw, PreparedStatement upsertCount) {}

    private WriterStatements statements; // guarded by the writer lock

    /** Closes the prepared statements; called by {@link SqliteStorage#close} under the writer lock. */
    void closeStatements() {
        if (statements != null) {
            try {
                statements.insertRaw().close();
                statements.upsertCount().close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            statements = null;
        }
    }

    SqliteReportStore(SqliteStorage db) {
        this.db = db;
    }

    private record CountKey(String service, long minute, String country, String problem) {}

    @Override
    public void append(List<Report> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var counts = new HashMap<CountKey, Long>();
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
        db.write(h -> {
            try {
                PreparedStatement raw = statements(h).insertRaw();
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
                    PreparedStatement agg = statements(h).upsertCount();
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
            } catch (SQLException e) {
                throw new IllegalStateException("could not store " + batch.size() + " reports: " + e.getMessage(), e);
            }
            return null;
        });
    }

    private WriterStatements statements(org.jdbi.v3.core.Handle writer) throws SQLException {
        if (statements == null) { // only ever called under the writer lock, with the writer's handle
            var c = writer.getConnection();
            statements = new WriterStatements(
                    c.prepareStatement(
                            "INSERT INTO reports (received_at, service, problem, country, reporter, counted) "
                                    + "VALUES (?, ?, ?, ?, ?, ?)"),
                    c.prepareStatement("INSERT INTO minute_counts (service, minute, country, problem, reports) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (service, minute, country, problem) "
                            + "DO UPDATE SET reports = reports + excluded.reports"));
        }
        return statements;
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
