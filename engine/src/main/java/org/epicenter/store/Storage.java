package org.epicenter.store;

/**
 * One storage backend: the embedded SQLite store, PostgreSQL later, or memory for replay and tests.
 * Every backend passes the same contract suite ({@code StorageContract} in the engine's test jar).
 */
public interface Storage extends AutoCloseable {
    ReportStore reports();

    CatalogChangeStore catalogChanges();

    SecretStore secrets();

    ProbeResultStore probeResults();

    OfficialStore official();

    AlertStore alerts();

    NoticeStore notices();

    SocialStore social();

    @Override
    void close();
}
