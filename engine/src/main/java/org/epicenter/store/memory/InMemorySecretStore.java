package org.epicenter.store.memory;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reporter keys and settings in memory: one facet of {@link InMemoryStorage}. */
final class InMemorySecretStore implements org.epicenter.store.SecretStore {
    private final Map<LocalDate, byte[]> keys = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();

    @Override
    public synchronized byte[] reporterKey(LocalDate day, byte[] candidate) {
        return keys.computeIfAbsent(day, d -> candidate.clone()).clone();
    }

    @Override
    public synchronized void forgetReporterKeysBefore(LocalDate day) {
        keys.keySet().removeIf(d -> d.isBefore(day));
    }

    @Override
    public synchronized Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    @Override
    public synchronized void putSetting(String name, String value) {
        settings.put(name, value);
    }
}
