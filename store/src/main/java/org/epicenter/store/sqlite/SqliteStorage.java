package org.epicenter.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.epicenter.probe.ProbeResult;
import org.epicenter.store.CatalogChangeStore;
import org.epicenter.store.AlertStore.Entry;
import org.epicenter.store.ProbeResultStore;
import org.epicenter.store.ReportStore;
import org.epicenter.store.SecretStore;
import org.epicenter.store.Storage;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode under the data directory. SQLite has one writer
 * at a time, so all writes share one connection under a lock (the group committer makes those
 * writes large); reads use a small pool of their own connections and never wait for a writer.
 * {@code synchronous=FULL}: a committed transaction survives process death and power loss.
 */
public final class SqliteStorage implements Storage, ReportStore, CatalogChangeStore, SecretStore, ProbeResultStore, org.epicenter.store.OfficialStore,
        org.epicenter.store.AlertStore {
    private static final int READERS = 4;

    private final Path file;
    private final Handle writer;
    private final BlockingQueue<Handle> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Handle> allReaders;

    /** The two hot-path statements, prepared once on the writer connection (JDBI's per-call binding costs more than the insert). */
    private record WriterStatements(PreparedStatement insertRaw, PreparedStatement upsertCount) {
    }

    private WriterStatements statements; // guarded by the writer lock

    private final DataDirLock lock;

    private SqliteStorage(Path file, Jdbi jdbi, DataDirLock lock) {
        this.file = file;
        this.lock = lock;
        this.writer = jdbi.open();
        this.allReaders = java.util.stream.IntStream.range(0, READERS).mapToObj(i -> jdbi.open()).toList();
        readers.addAll(allReaders);
    }

    /**
     * Opens (creating and migrating if needed) {@code epicenter.db} in {@code dataDir}, which this
     * process then owns until {@link #close}: a second open of the same directory, from this process
     * or another, fails with {@link DataDirLock.DataDirInUse}. New directories and files are readable
     * by their owner only (reporter keys and the admin token's hash live here).
     */
    public static SqliteStorage open(Path dataDir) {
        try {
            if (Files.notExists(dataDir)) { // an existing directory (say /tmp, or $HOME) keeps its permissions
                Files.createDirectories(dataDir);
                ownerOnly(dataDir, "rwx------");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            return open(dataDir, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void ownerOnly(Path path, String permissions) throws java.io.IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    private static SqliteStorage open(Path dataDir, DataDirLock lock) {
        Path file = dataDir.resolve("epicenter.db");
        try {
            if (Files.notExists(file)) {
                Files.createFile(file); // SQLite gives its -wal and -shm files the database file's permissions
            }
            ownerOnly(file, "rw-------");
            ownerOnly(dataDir.resolve(DataDirLock.NAME), "rw-------");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + file + ": " + e.getMessage(), e);
        }
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        var ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/sqlite").load().migrate();
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
        return new SqliteStorage(file, Jdbi.create(ds), lock);
    }

    /** A database SQLite cannot read: say so, and what to do, instead of a stack trace. */
    private static RuntimeException unreadable(Path file, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_NOTADB") || m.contains("SQLITE_CORRUPT") || m.contains("file is not a database")
                    || m.contains("malformed")) {
                return new CorruptDatabase(file + " is not a readable Epicenter database (" + m.strip()
                        + "). Nothing was changed. Restore it from a backup, or move it (with its -wal and -shm files) aside to"
                        + " start empty; `sqlite3 " + file.getFileName() + " \".recover\"` may rescue its data.", e);
            }
        }
        return e;
    }

    /** The database file exists but SQLite cannot read it. */
    public static final class CorruptDatabase extends IllegalStateException {
        CorruptDatabase(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Path file() {
        return file;
    }

    <T> T read(Function<Handle, T> query) {
        Handle h;
        try {
            h = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        try {
            return query.apply(h);
        } finally {
            readers.add(h);
        }
    }

    <T> T write(Function<Handle, T> change) {
        synchronized (writer) {
            return writer.inTransaction(change::apply);
        }
    }

    @Override
    public ReportStore reports() {
        return this;
    }

    @Override
    public CatalogChangeStore catalogChanges() {
        return this;
    }

    @Override
    public SecretStore secrets() {
        return this;
    }

    @Override
    public ProbeResultStore probeResults() {
        return this;
    }

    @Override
    public org.epicenter.store.AlertStore alerts() {
        return this;
    }

    private final SqliteNoticeStore notices = new SqliteNoticeStore(this);

    @Override
    public org.epicenter.store.NoticeStore notices() {
        return notices;
    }

    @Override
    public void putSubscription(org.epicenter.alert.Subscription sub) {
        String body;
        try {
            body = JSON.writeValueAsString(sub);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        write(h -> h.execute("INSERT INTO alert_subscriptions (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                sub.id(), body));
    }

    @Override
    public boolean deleteSubscription(String id) {
        return write(h -> h.execute("DELETE FROM alert_subscriptions WHERE id = ?", id)) > 0;
    }

    @Override
    public List<org.epicenter.alert.Subscription> subscriptions() {
        return read(h -> h.createQuery("SELECT body FROM alert_subscriptions ORDER BY id").map((rs, ctx) -> {
            try {
                return JSON.readValue(rs.getString(1), org.epicenter.alert.Subscription.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("alert_subscriptions: unreadable row", e);
            }
        }).list());
    }

    @Override
    public void putSilence(org.epicenter.alert.Silence s) {
        write(h -> h.execute("INSERT INTO alert_silences (id, services, providers, from_at, until_at, comment) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET services = excluded.services, providers = excluded.providers,"
                        + " from_at = excluded.from_at, until_at = excluded.until_at, comment = excluded.comment",
                s.id(), jsonList(s.services()), jsonList(s.providers()), s.from().toEpochMilli(), s.until().toEpochMilli(), s.comment()));
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
        return write(h -> h.execute("DELETE FROM alert_silences WHERE id = ?", id)) > 0;
    }

    @Override
    public List<org.epicenter.alert.Silence> silences() {
        return read(h -> h.createQuery("SELECT id, services, providers, from_at, until_at, comment FROM alert_silences ORDER BY id")
                .map((rs, ctx) -> new org.epicenter.alert.Silence(rs.getString(1), listOf(rs.getString(2)), listOf(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6))).list());
    }

    @Override
    public void enqueue(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        write(h -> {
            var insert = h.prepareBatch("INSERT INTO alert_outbox (key, subscription, grp, kind, state, size, payload, attempts, next_attempt,"
                    + " last_error, created, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING");
            for (Entry e : entries) {
                insert.bind(0, e.key()).bind(1, e.subscription()).bind(2, e.group()).bind(3, e.kind()).bind(4, e.state()).bind(5, e.size())
                        .bind(6, e.payload()).bind(7, e.attempts()).bind(8, e.nextAttempt().toEpochMilli()).bind(9, e.lastError())
                        .bind(10, e.created().toEpochMilli()).bind(11, millis(e.sent())).add();
            }
            insert.execute();
            return null;
        });
    }

    private static final String ENTRY_COLUMNS = "SELECT key, subscription, grp, kind, state, size, payload, attempts, next_attempt, last_error,"
            + " created, sent FROM alert_outbox ";

    private static Entry entry(java.sql.ResultSet rs) throws SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7),
                rs.getInt(8), Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10), Instant.ofEpochMilli(rs.getLong(11)), instant(rs, 12));
    }

    @Override
    public Optional<Entry> entry(String key) {
        return read(h -> h.createQuery(ENTRY_COLUMNS + "WHERE key = ?").bind(0, key).map((rs, ctx) -> entry(rs)).findOne());
    }

    @Override
    public List<Entry> due(Instant now, int limit) {
        return read(h -> h.createQuery(ENTRY_COLUMNS + "WHERE state = 'pending' AND next_attempt <= ? ORDER BY next_attempt, created LIMIT ?")
                .bind(0, now.toEpochMilli()).bind(1, limit).map((rs, ctx) -> entry(rs)).list());
    }

    @Override
    public List<Entry> entriesSince(Instant since) {
        return read(h -> h.createQuery(ENTRY_COLUMNS + "WHERE created >= ? ORDER BY created, key").bind(0, since.toEpochMilli())
                .map((rs, ctx) -> entry(rs)).list());
    }

    @Override
    public int deleteEntriesBefore(Instant before) {
        return write(h -> h.execute("DELETE FROM alert_outbox WHERE created < ? AND state <> 'pending'", before.toEpochMilli()));
    }

    @Override
    public void attempted(String key, String state, int attempts, Instant nextAttempt, String error, Instant sent) {
        write(h -> h.execute("UPDATE alert_outbox SET state = ?, attempts = ?, next_attempt = ?, last_error = ?, sent = ? WHERE key = ?",
                state, attempts, nextAttempt.toEpochMilli(), error, millis(sent), key));
    }

    @Override
    public org.epicenter.store.OfficialStore official() {
        return this;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public void saveOfficial(List<org.epicenter.feed.OfficialRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        write(h -> {
            var upsert = h.prepareBatch("INSERT INTO official_incidents (entry, feed, id, title, state, impact, created, updated, resolved, link,"
                    + " maintenance, from_at, until_at, affected, updates, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (entry, feed, id) DO UPDATE SET title = excluded.title, state = excluded.state, impact = excluded.impact,"
                    + " created = excluded.created, updated = excluded.updated, resolved = excluded.resolved, link = excluded.link,"
                    + " maintenance = excluded.maintenance, from_at = excluded.from_at, until_at = excluded.until_at,"
                    + " affected = excluded.affected, updates = excluded.updates");
            for (var r : records) {
                var i = r.incident();
                var updates = JSON.createArrayNode();
                for (var u : i.updates()) {
                    updates.addObject().put("at", u.at().toEpochMilli()).put("state", u.state()).put("body", u.body());
                }
                var affected = JSON.createArrayNode();
                i.affected().forEach(affected::add);
                upsert.bind(0, r.entry()).bind(1, r.feed()).bind(2, i.id()).bind(3, i.title()).bind(4, i.state())
                        .bind(5, i.impact().name()).bind(6, i.created().toEpochMilli()).bind(7, millis(i.updated()))
                        .bind(8, millis(i.resolved())).bind(9, i.link()).bind(10, i.maintenance() ? 1 : 0)
                        .bind(11, millis(i.from())).bind(12, millis(i.until())).bind(13, affected.toString())
                        .bind(14, updates.toString()).bind(15, r.firstSeen().toEpochMilli()).add();
            }
            upsert.execute();
            return null;
        });
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static org.epicenter.feed.OfficialRecord official(java.sql.ResultSet rs) throws SQLException {
        try {
            var updates = new ArrayList<org.epicenter.feed.FeedSnapshot.Update>();
            for (var u : JSON.readTree(rs.getString(15))) {
                updates.add(new org.epicenter.feed.FeedSnapshot.Update(Instant.ofEpochMilli(u.get("at").asLong()), u.get("state").asText(),
                        u.get("body").isNull() ? null : u.get("body").asText()));
            }
            var affected = new ArrayList<String>();
            JSON.readTree(rs.getString(14)).forEach(a -> affected.add(a.asText()));
            var incident = new org.epicenter.feed.FeedSnapshot.Incident(rs.getString(3), rs.getString(4), rs.getString(5),
                    org.epicenter.feed.OfficialState.valueOf(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)), instant(rs, 8),
                    instant(rs, 9), rs.getString(10), rs.getInt(11) == 1, instant(rs, 12), instant(rs, 13), updates, affected);
            return new org.epicenter.feed.OfficialRecord(rs.getString(1), rs.getString(2), incident, Instant.ofEpochMilli(rs.getLong(16)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("official_incidents row " + rs.getString(3) + ": unreadable JSON", e);
        }
    }

    @Override
    public List<org.epicenter.feed.OfficialRecord> officialSince(Instant since) {
        return read(h -> h.createQuery("SELECT entry, feed, id, title, state, impact, created, updated, resolved, link, maintenance,"
                        + " from_at, until_at, affected, updates, first_seen FROM official_incidents"
                        + " WHERE created >= ? OR resolved IS NULL ORDER BY created, entry, feed, id")
                .bind(0, since.toEpochMilli()).map((rs, ctx) -> official(rs)).list());
    }

    @Override
    public int deleteOfficialBefore(Instant before) {
        return write(h -> h.execute("DELETE FROM official_incidents WHERE resolved IS NOT NULL AND resolved < ?", before.toEpochMilli()));
    }

    @Override
    public void appendResults(List<ProbeResult> batch) {
        if (batch.isEmpty()) {
            return;
        }
        write(h -> {
            var insert = h.prepareBatch("INSERT INTO probe_results (at, entry, probe, location, ok, latency_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (ProbeResult r : batch) {
                insert.bind(0, r.at().toEpochMilli()).bind(1, r.entry()).bind(2, r.probe()).bind(3, r.location())
                        .bind(4, r.ok() ? 1 : 0).bind(5, r.latencyMs()).bind(6, r.detail()).add();
            }
            insert.execute();
            return null;
        });
    }

    private static final String RESULT_COLUMNS = "SELECT at, entry, probe, location, ok, latency_ms, detail FROM probe_results ";

    private static ProbeResult result(java.sql.ResultSet rs) throws SQLException {
        return new ProbeResult(rs.getString(2), rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(1)),
                rs.getInt(5) == 1, rs.getLong(6), rs.getString(7));
    }

    @Override
    public List<ProbeResult> resultsSince(Instant since) {
        return read(h -> h.createQuery(RESULT_COLUMNS + "WHERE at >= ? ORDER BY at, id").bind(0, since.toEpochMilli())
                .map((rs, ctx) -> result(rs)).list());
    }

    @Override
    public List<ProbeResult> results(String entry, String probe, Instant from, Instant to) {
        return read(h -> h.createQuery(RESULT_COLUMNS + "WHERE entry = ? AND probe = ? AND at >= ? AND at < ? ORDER BY at, id")
                .bind(0, entry).bind(1, probe).bind(2, from.toEpochMilli()).bind(3, to.toEpochMilli())
                .map((rs, ctx) -> result(rs)).list());
    }

    @Override
    public int deleteResultsBefore(Instant before) {
        return write(h -> h.execute("DELETE FROM probe_results WHERE at < ?", before.toEpochMilli()));
    }

    private record CountKey(String service, long minute, String country, String problem) {
    }

    @Override
    public void append(List<Report> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var counts = new HashMap<CountKey, Long>();
        for (Report r : batch) {
            if (r.counted()) {
                counts.merge(new CountKey(r.service(), r.minute(), r.country(), r.problem().wireName()), 1L, Long::sum);
            }
        }
        write(h -> {
            try {
                PreparedStatement raw = statements().insertRaw();
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
                    PreparedStatement agg = statements().upsertCount();
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

    private WriterStatements statements() throws SQLException {
        if (statements == null) { // only ever called under the writer lock
            var c = writer.getConnection();
            statements = new WriterStatements(
                    c.prepareStatement("INSERT INTO reports (received_at, service, problem, country, reporter, counted) "
                            + "VALUES (?, ?, ?, ?, ?, ?)"),
                    c.prepareStatement("INSERT INTO minute_counts (service, minute, country, problem, reports) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (service, minute, country, problem) "
                            + "DO UPDATE SET reports = reports + excluded.reports"));
        }
        return statements;
    }

    @Override
    public List<MinuteCount> minuteCounts(String service, long fromMinute, long toMinute) {
        return read(h -> h.createQuery("SELECT minute, country, problem, reports FROM minute_counts "
                        + "WHERE service = ? AND minute >= ? AND minute < ? ORDER BY minute, country, problem")
                .bind(0, service).bind(1, fromMinute).bind(2, toMinute)
                .map((rs, ctx) -> new MinuteCount(rs.getLong(1), service, rs.getString(2),
                        Problem.fromWire(rs.getString(3)).orElse(Problem.OTHER), rs.getLong(4)))
                .list());
    }

    @Override
    public void forEachMinuteCount(long fromMinute, long toMinute, java.util.function.Consumer<MinuteCount> sink) {
        read(h -> {
            try (var rows = h.createQuery("SELECT minute, service, country, problem, reports FROM minute_counts "
                            + "WHERE minute >= ? AND minute < ? ORDER BY minute, service, country, problem")
                    .bind(0, fromMinute).bind(1, toMinute)
                    .map((rs, ctx) -> new MinuteCount(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Problem.fromWire(rs.getString(4)).orElse(Problem.OTHER), rs.getLong(5)))
                    .stream()) {
                rows.forEach(sink);
            }
            return null;
        });
    }

    @Override
    public Map<String, Long> countsByService(long fromMinute, long toMinute) {
        return read(h -> {
            var out = new HashMap<String, Long>();
            h.createQuery("SELECT service, SUM(reports) FROM minute_counts WHERE minute >= ? AND minute < ? GROUP BY service")
                    .bind(0, fromMinute).bind(1, toMinute)
                    .map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2))).list();
            return out;
        });
    }

    @Override
    public List<Report> countedSince(Instant since) {
        return read(h -> h.createQuery("SELECT received_at, service, problem, country, reporter FROM reports "
                        + "WHERE received_at >= ? AND counted = 1 ORDER BY received_at, id")
                .bind(0, since.toEpochMilli())
                .map((rs, ctx) -> new Report(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                        Problem.fromWire(rs.getString(3)).orElse(Problem.OTHER), rs.getString(4), rs.getString(5), true))
                .list());
    }

    @Override
    public long rawCount() {
        return read(h -> h.createQuery("SELECT COUNT(*) FROM reports").mapTo(Long.class).one());
    }

    @Override
    public int deleteRawBefore(Instant before) {
        return write(h -> h.execute("DELETE FROM reports WHERE received_at < ?", before.toEpochMilli()));
    }

    @Override
    public int deleteMinuteCountsBefore(long minute) {
        return write(h -> h.execute("DELETE FROM minute_counts WHERE minute < ?", minute));
    }

    @Override
    public void save(CatalogChange change) {
        String json = switch (change) {
            case CatalogChange.Put put -> new String(CatalogCodec.writeEntryJson(put.entry()), java.nio.charset.StandardCharsets.UTF_8);
            case CatalogChange.Remove remove -> null;
        };
        write(h -> h.execute("INSERT OR REPLACE INTO catalog_changes (id, seq, entry) "
                + "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM catalog_changes), ?)", change.id(), json));
    }

    @Override
    public List<CatalogChange> all() {
        return read(h -> h.createQuery("SELECT id, entry FROM catalog_changes ORDER BY seq")
                .map((rs, ctx) -> {
                    String json = rs.getString(2);
                    return json == null ? (CatalogChange) new CatalogChange.Remove(rs.getString(1))
                            : new CatalogChange.Put(CatalogCodec.readEntryJson(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                })
                .list());
    }

    @Override
    public byte[] reporterKey(LocalDate day, byte[] candidate) {
        return write(h -> {
            h.execute("INSERT OR IGNORE INTO reporter_keys (day, key) VALUES (?, ?)", day.toString(), candidate);
            return h.createQuery("SELECT key FROM reporter_keys WHERE day = ?").bind(0, day.toString()).mapTo(byte[].class).one();
        });
    }

    @Override
    public void forgetReporterKeysBefore(LocalDate day) {
        write(h -> h.execute("DELETE FROM reporter_keys WHERE day < ?", day.toString()));
    }

    @Override
    public Optional<String> setting(String name) {
        return read(h -> h.createQuery("SELECT value FROM settings WHERE name = ?").bind(0, name).mapTo(String.class).findOne());
    }

    @Override
    public void putSetting(String name, String value) {
        write(h -> h.execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)", name, value));
    }

    @Override
    public void close() {
        synchronized (writer) {
            if (statements != null) {
                try {
                    statements.insertRaw().close();
                    statements.upsertCount().close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            writer.close();
        }
        allReaders.forEach(Handle::close);
        lock.close();
    }
}
