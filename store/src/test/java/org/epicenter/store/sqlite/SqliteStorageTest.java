package org.epicenter.store.sqlite;

import java.nio.file.Path;
import org.epicenter.store.Storage;
import org.epicenter.store.StorageContract;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageTest extends StorageContract {
    @TempDir
    Path dir;

    @Override
    protected Storage open() {
        return SqliteStorage.open(dir);
    }

    @Override
    protected Storage reopen() {
        return SqliteStorage.open(dir);
    }
}
