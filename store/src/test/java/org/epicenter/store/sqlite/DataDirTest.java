package org.epicenter.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory: one owner at a time, readable by its owner only, a clear word on a corrupt file. */
class DataDirTest {
    @TempDir
    Path dir;

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedAndNamesTheHolder() {
        Path data = dir.resolve("data");
        try (var first = SqliteStorage.open(data)) {
            assertThatThrownBy(() -> SqliteStorage.open(data))
                    .isInstanceOf(DataDirLock.DataDirInUse.class)
                    .hasMessageContaining("is in use by another Epicenter")
                    .hasMessageContaining("process " + ProcessHandle.current().pid())
                    .hasMessageContaining("another --data");
            first.reports(); // the first is untouched
        }
        try (var again = SqliteStorage.open(data)) { // released on close
            assertThat(again.file()).exists();
        }
    }

    @Test
    void filesAreReadableByTheirOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        try (var store = SqliteStorage.open(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("epicenter.db-wal"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingDirectoryKeepsItsPermissions() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (var store = SqliteStorage.open(shared)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                    .isEqualTo("rwxrwxrwx");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aCorruptDatabaseIsNamedWithAdviceAndLeftAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        byte[] garbage = "this is not a database, it is a shopping list: milk, eggs"
                .repeat(100)
                .getBytes();
        Files.write(data.resolve("epicenter.db"), garbage);
        assertThatThrownBy(() -> SqliteStorage.open(data))
                .isInstanceOf(SqliteStorage.CorruptDatabase.class)
                .hasMessageContaining("is not a readable Epicenter database")
                .hasMessageContaining("Restore it from a backup");
        assertThat(Files.readAllBytes(data.resolve("epicenter.db"))).isEqualTo(garbage);
        // and the lock was let go
        Files.delete(data.resolve("epicenter.db"));
        try (var store = SqliteStorage.open(data)) {
            assertThat(store.file()).exists();
        }
    }
}
