package org.epicenter.store;

import org.epicenter.store.memory.InMemoryStorage;

class InMemoryStorageTest extends StorageContract {
    @Override
    protected Storage open() {
        return new InMemoryStorage();
    }

    @Override
    protected Storage reopen() {
        return null;
    }
}
