package org.epicenter.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.epicenter.store.Storage;
import org.epicenter.store.StorageContract;
import org.junit.jupiter.api.Test;

/** Every facet contract, on a real PostgreSQL server ({@link TestPostgres}), each test in a schema of its own. */
class PostgresStorageTest extends StorageContract {
    private PostgresStorage.Settings settings;

    @Override
    protected Storage open() {
        settings = TestPostgres.freshSchema();
        return PostgresStorage.open(settings);
    }

    @Override
    protected Storage reopen() {
        return PostgresStorage.open(settings);
    }

    @Test
    void aWrongAddressIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> PostgresStorage.Settings.of("postgres://db/epicenter"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://host:5432/database");
        assertThatThrownBy(() -> PostgresStorage.Settings.of(TestPostgres.url()).withSchema("x; DROP TABLE reports"))
                .hasMessageContaining("schema name");
    }

    @Test
    void anUnreachableServerIsAPlainErrorWithoutThePassword() {
        var s = PostgresStorage.Settings.of("jdbc:postgresql://127.0.0.1:1/nowhere?password=hunter2&connectTimeout=2");
        assertThatThrownBy(() -> PostgresStorage.open(s))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere?password=***")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void settingsNeverPrintThePassword() {
        var s = new PostgresStorage.Settings(
                "jdbc:postgresql://db/e?password=first-secret", "u", "second-secret", null, 4);
        assertThat(s.toString())
                .contains("jdbc:postgresql://db/e?password=***")
                .doesNotContain("first-secret")
                .doesNotContain("second-secret");
    }

    @Test
    void twoNodesOnOneDatabaseShareState() {
        try (var other = PostgresStorage.open(settings)) {
            storage.secrets().putSetting("admin", "one");
            assertThat(other.secrets().setting("admin")).contains("one");
            byte[] first = storage.secrets().reporterKey(java.time.LocalDate.of(2025, 11, 18), new byte[] {1});
            byte[] second = other.secrets().reporterKey(java.time.LocalDate.of(2025, 11, 18), new byte[] {2});
            assertThat(second).isEqualTo(first);
        }
    }

    /**
     * Two nodes write overlapping minute counts at once, each batch in its own order: no update is
     * lost and no write fails (rows are locked in key order, so there is no deadlock to lose).
     */
    @Test
    void concurrentNodesAddUpEveryCount() throws Exception {
        var services = java.util.List.of("whatsapp", "x", "chatgpt", "stc");
        var countries = java.util.List.of("SA", "EG", "AE");
        int threads = 6, batches = 40, perBatch = 25;
        try (var other = PostgresStorage.open(settings);
                var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < threads; t++) {
                var node = t % 2 == 0 ? storage : other;
                var random = new java.util.Random(t);
                futures.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        var batch = new java.util.ArrayList<org.epicenter.model.Report>();
                        for (int i = 0; i < perBatch; i++) {
                            batch.add(report(
                                    random.nextInt(180),
                                    services.get(random.nextInt(services.size())),
                                    countries.get(random.nextInt(countries.size())),
                                    org.epicenter.model.Problem.LOGIN,
                                    true));
                        }
                        java.util.Collections.shuffle(batch, random);
                        node.reports().append(batch);
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        long total = storage.reports().countsByService(M0 - 1, M0 + 10).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(total).isEqualTo((long) threads * batches * perBatch);
        assertThat(storage.reports().rawCount()).isEqualTo((long) threads * batches * perBatch);
    }

    /** Two nodes asked for the same notice at the same moment keep one. */
    @Test
    void concurrentNodesKeepOneUnfinishedNoticePerAddress() throws Exception {
        try (var other = PostgresStorage.open(settings);
                var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 16; i++) {
                var node = i % 2 == 0 ? storage : other;
                String id = "n" + i;
                futures.add(pool.submit(() -> node.notices()
                        .add(new org.epicenter.store.NoticeStore.Notice(
                                id,
                                "whatsapp",
                                "a@example.com",
                                "a@example.com",
                                "en",
                                "unconfirmed",
                                T0,
                                T0,
                                null,
                                "confirm",
                                0,
                                T0,
                                null,
                                null))));
            }
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(storage.notices().countByAddressSince("a@example.com", T0.minusSeconds(1)))
                .isEqualTo(1);
    }

    /** Two nodes saving catalog changes at once: each save gets its own place in the order, so every node sees the version move. */
    @Test
    void concurrentCatalogChangesEachMoveTheVersion() throws Exception {
        var entry = org.epicenter.catalog.Catalog.defaults().find("x").orElseThrow();
        try (var other = PostgresStorage.open(settings);
                var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 16; i++) {
                var node = i % 2 == 0 ? storage : other;
                var change = i % 3 == 0
                        ? (org.epicenter.catalog.CatalogChange)
                                new org.epicenter.catalog.CatalogChange.Remove("gone-" + i)
                        : new org.epicenter.catalog.CatalogChange.Put(entry);
                futures.add(pool.submit(() -> {
                    start.await();
                    node.catalogChanges().save(change);
                    return null;
                }));
            }
            start.countDown();
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(storage.catalogChanges().version()).isEqualTo(16);
    }
}
