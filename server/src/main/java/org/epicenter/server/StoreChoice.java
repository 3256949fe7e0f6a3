package org.epicenter.server;

import java.nio.file.Path;
import org.epicenter.store.Storage;
import org.epicenter.store.postgres.PostgresStorage;
import org.epicenter.store.sqlite.SqliteStorage;

/**
 * Which storage backend {@code serve} opens ({@code --store}): the embedded SQLite file under the
 * data directory (the default, one node), or PostgreSQL (shared by several nodes).
 */
public sealed interface StoreChoice {
    /** Opens the backend; the caller closes it. */
    Storage open(Path dataDir);

    /** Where the data is, for the start-up line (no secrets). */
    String describe(Path dataDir);

    record Sqlite() implements StoreChoice {
        @Override
        public Storage open(Path dataDir) {
            return SqliteStorage.open(dataDir);
        }

        @Override
        public String describe(Path dataDir) {
            return "SQLite in " + dataDir.toAbsolutePath();
        }
    }

    record Postgres(PostgresStorage.Settings settings) implements StoreChoice {
        @Override
        public Storage open(Path dataDir) {
            return PostgresStorage.open(settings);
        }

        @Override
        public String describe(Path dataDir) {
            return "PostgreSQL at " + PostgresStorage.Settings.describe(settings);
        }
    }

    /**
     * The backend {@code --store} names: {@code sqlite}, or {@code postgres} with its address.
     *
     * @param password from the environment only ({@code EPICENTER_POSTGRES_PASSWORD}), never a flag
     */
    static StoreChoice of(String store, String url, String user, String password, String schema, int pool) {
        return switch (store == null ? "sqlite" : store.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "", "sqlite" -> {
                if (url != null && !url.isBlank()) {
                    throw new IllegalArgumentException(
                            "--postgres-url is set but --store is sqlite: add --store postgres");
                }
                yield new Sqlite();
            }
            case "postgres", "postgresql" -> {
                if (url == null || url.isBlank()) {
                    throw new IllegalArgumentException(
                            "--store postgres needs --postgres-url jdbc:postgresql://host:5432/database (env EPICENTER_POSTGRES_URL)");
                }
                yield new Postgres(new PostgresStorage.Settings(
                        url.strip(), blankToNull(user), blankToNull(password), blankToNull(schema), pool));
            }
            default -> throw new IllegalArgumentException("--store must be sqlite or postgres; got \"" + store + "\"");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
