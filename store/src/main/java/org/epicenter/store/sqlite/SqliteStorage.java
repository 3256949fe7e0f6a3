package org.epicenter.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.epicenter.store.sql.SqlStorage;
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
public final class SqliteStorage extends SqlStorage {
    private static final int READERS = 4;

    private final Path file;
    private final Handle writer;
    private final BlockingQueue<Handle> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Handle> allReaders;

    private final DataDirLock lock;

    private SqliteStorage(Path file, Jdbi jdbi, DataDirLock lock) {
        this.file = file;
        this.lock = lock;
        this.writer = jdbi.open();
        this.allReaders = java.util.stream.IntStream.range(0, READERS)
                .mapToObj(i -> jdbi.open())
                .toList();
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
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/sqlite")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
        return new SqliteStorage(file, Jdbi.create(ds), lock);
    }

    /** A database SQLite cannot read: say so, and what to do, instead of a stack trace. */
    private static RuntimeException unreadable(Path file, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_NOTADB")
                    || m.contains("SQLITE_CORRUPT")
                    || m.contains("file is not a database")
                    || m.contains("malformed")) {
                return new CorruptDatabase(
                        file + " is not a readable Epicenter database (" + m.strip()
                                + "). Nothing was changed. Restore it from a backup, or move it (with its -wal and -shm files) aside to"
                                + " start empty; `sqlite3 " + file.getFileName()
                                + " \".recover\"` may rescue its data.",
                        e);
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

    @Override
    protected <T> T read(Function<Handle, T> query) {
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

    @Override
    protected <T> T write(Function<Handle, T> change) {
        synchronized (writer) {
            return writer.inTransaction(change::apply);
        }
    }

    @Override
    protected boolean oneWriter() {
        return true;
    }

    @Override
    public void close() {
        synchronized (writer) {
            closeFacets();
            writer.close();
        }
        allReaders.forEach(Handle::close);
        lock.close();
    }
}
