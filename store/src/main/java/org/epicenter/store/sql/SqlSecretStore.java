package org.epicenter.store.sql;

import java.time.LocalDate;
import java.util.Optional;

/** Reporter keys and settings (V1): one facet of {@link SqlStorage}, over its connections. */
final class SqlSecretStore implements org.epicenter.store.SecretStore {
    private final SqlStorage db;

    SqlSecretStore(SqlStorage db) {
        this.db = db;
    }

    @Override
    public byte[] reporterKey(LocalDate day, byte[] candidate) {
        return db.write(h -> {
            h.execute(
                    "INSERT INTO reporter_keys (day, key) VALUES (?, ?) ON CONFLICT (day) DO NOTHING",
                    day.toString(),
                    candidate);
            return h.createQuery("SELECT key FROM reporter_keys WHERE day = ?")
                    .bind(0, day.toString())
                    .mapTo(byte[].class)
                    .one();
        });
    }

    @Override
    public void forgetReporterKeysBefore(LocalDate day) {
        db.write(h -> h.execute("DELETE FROM reporter_keys WHERE day < ?", day.toString()));
    }

    @Override
    public Optional<String> setting(String name) {
        return db.read(h -> h.createQuery("SELECT value FROM settings WHERE name = ?")
                .bind(0, name)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public void putSetting(String name, String value) {
        db.write(h -> h.execute(
                "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                name,
                value));
    }
}
