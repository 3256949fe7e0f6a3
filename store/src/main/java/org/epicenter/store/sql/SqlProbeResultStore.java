package org.epicenter.store.sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.epicenter.probe.ProbeResult;

/** Probe results (V2): one facet of {@link SqlStorage}, over its connections. */
final class SqlProbeResultStore implements org.epicenter.store.ProbeResultStore {
    private final SqlStorage db;

    SqlProbeResultStore(SqlStorage db) {
        this.db = db;
    }

    @Override
    public void appendResults(List<ProbeResult> batch) {
        if (batch.isEmpty()) {
            return;
        }
        db.write(h -> {
            var insert = h.prepareBatch(
                    "INSERT INTO probe_results (at, entry, probe, location, ok, latency_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (ProbeResult r : batch) {
                insert.bind(0, r.at().toEpochMilli())
                        .bind(1, r.entry())
                        .bind(2, r.probe())
                        .bind(3, r.location())
                        .bind(4, r.ok() ? 1 : 0)
                        .bind(5, r.latencyMs())
                        .bind(6, r.detail())
                        .add();
            }
            insert.execute();
            return null;
        });
    }

    private static final String RESULT_COLUMNS =
            "SELECT at, entry, probe, location, ok, latency_ms, detail FROM probe_results ";

    private static ProbeResult result(java.sql.ResultSet rs) throws SQLException {
        return new ProbeResult(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(1)),
                rs.getInt(5) == 1,
                rs.getLong(6),
                rs.getString(7));
    }

    @Override
    public List<ProbeResult> resultsSince(Instant since) {
        return db.read(h -> h.createQuery(RESULT_COLUMNS + "WHERE at >= ? ORDER BY at, id")
                .bind(0, since.toEpochMilli())
                .map((rs, ctx) -> result(rs))
                .list());
    }

    @Override
    public List<ProbeResult> results(String entry, String probe, Instant from, Instant to) {
        return db.read(h -> h.createQuery(
                        RESULT_COLUMNS + "WHERE entry = ? AND probe = ? AND at >= ? AND at < ? ORDER BY at, id")
                .bind(0, entry)
                .bind(1, probe)
                .bind(2, from.toEpochMilli())
                .bind(3, to.toEpochMilli())
                .map((rs, ctx) -> result(rs))
                .list());
    }

    @Override
    public int deleteResultsBefore(Instant before) {
        return db.write(h -> h.execute("DELETE FROM probe_results WHERE at < ?", before.toEpochMilli()));
    }
}
