package org.epicenter.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.function.Function;
import org.epicenter.store.sql.SqlStorage;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Every storage facet on PostgreSQL, for several Epicenter nodes sharing one state: a HikariCP
 * pool, Flyway migrations of its own ({@code db/postgres}), and the SQL facets of {@link SqlStorage}.
 * Writes are transactions at READ COMMITTED; a write that loses a deadlock or a serialization race
 * is run again (at most {@value #ATTEMPTS} times).
 */
public final class PostgresStorage extends SqlStorage {
    static final int ATTEMPTS = 3;

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final String where;

    /**
     * Where and how to connect.
     *
     * @param url      {@code jdbc:postgresql://host:port/database}, with any driver parameters
     * @param user     the role, or null to take it from the URL
     * @param password the password, or null (from the URL, {@code ~/.pgpass} or trust)
     * @param schema   the schema to keep the tables in (created if missing), or null for the role's default
     * @param pool     connections per node
     */
    public record Settings(String url, String user, String password, String schema, int pool) {
        public Settings {
            if (url == null || !url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException(
                        "the PostgreSQL address must look like jdbc:postgresql://host:5432/database; got \"" + safe(url)
                                + "\"");
            }
            if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a PostgreSQL schema name must be lowercase letters, digits and _,"
                        + " at most 63, not starting with a digit; got \"" + schema + "\"");
            }
            if (pool < 1 || pool > 100) {
                throw new IllegalArgumentException("the PostgreSQL pool must hold 1 to 100 connections; got " + pool);
            }
        }

        public static Settings of(String url) {
            return new Settings(url, null, null, null, 8);
        }

        /** The address, role and schema, without the password. */
        public static String describe(Settings s) {
            return safe(s.url())
                    + (s.user() == null ? "" : " as " + s.user())
                    + (s.schema() == null ? "" : " (schema " + s.schema() + ")");
        }

        /** Without the password, which would otherwise be printed wherever the settings are. */
        @Override
        public String toString() {
            return "PostgresStorage.Settings[" + describe(this) + ", pool " + pool
                    + (password == null ? "" : ", password ***") + "]";
        }

        public Settings withSchema(String s) {
            return new Settings(url, user, password, s, pool);
        }
    }

    private PostgresStorage(HikariDataSource pool, String where) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.where = where;
    }

    /** Connects, creates the schema if needed and migrates it; fails with a plain message when it cannot. */
    public static PostgresStorage open(Settings s) {
        var config = new HikariConfig();
        config.setJdbcUrl(s.url());
        if (s.user() != null) {
            config.setUsername(s.user());
        }
        if (s.password() != null) {
            config.setPassword(s.password());
        }
        config.setMaximumPoolSize(s.pool());
        config.setMinimumIdle(Math.min(2, s.pool()));
        config.setPoolName("epicenter-postgres");
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "epicenter");
        String where = Settings.describe(s);
        if (s.schema() != null) {
            config.setConnectionInitSql("SET search_path TO " + s.schema()); // validated above: a plain identifier
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new Unavailable("cannot connect to PostgreSQL at " + where + ": " + rootMessage(e), e);
        }
        try {
            var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/postgres");
            if (s.schema() != null) {
                flyway.schemas(s.schema()).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new Unavailable("cannot prepare the tables in PostgreSQL at " + where + ": " + rootMessage(e), e);
        }
        return new PostgresStorage(ds, where);
    }

    /** PostgreSQL cannot be reached, or its tables cannot be made ready: the message says which and where. */
    public static final class Unavailable extends IllegalStateException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The URL without its password parameter, for messages and logs. */
    static String safe(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).strip();
    }

    /** Where this store is, without secrets. */
    public String where() {
        return where;
    }

    @Override
    protected <T> T read(Function<Handle, T> query) {
        return jdbi.withHandle(query::apply);
    }

    @Override
    protected <T> T write(Function<Handle, T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(change::apply);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    /** A deadlock or a serialization failure: PostgreSQL rolled the transaction back, and asks for it again. */
    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected boolean oneWriter() {
        return false;
    }

    @Override
    protected void lockFor(Handle h, long key) {
        h.createQuery("SELECT pg_advisory_xact_lock(?)")
                .bind(0, key)
                .map((rs, ctx) -> 0)
                .one();
    }

    @Override
    public void close() {
        closeFacets();
        pool.close();
    }
}
