package org.epicenter.store;

import java.time.LocalDate;
import java.util.Optional;

/** Small secrets and settings: the daily reporter-hash keys and the admin token hash. */
public interface SecretStore {
    /**
     * The reporter key of {@code day}: the stored one, or {@code candidate} stored now if the day has
     * none. Atomic, so concurrent callers (or processes) agree on one key per day.
     */
    byte[] reporterKey(LocalDate day, byte[] candidate);

    /** Forgets keys of days before {@code day}: old reporter hashes can then be linked to nobody. */
    void forgetReporterKeysBefore(LocalDate day);

    Optional<String> setting(String name);

    void putSetting(String name, String value);
}
