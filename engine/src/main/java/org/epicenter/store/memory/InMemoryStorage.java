package org.epicenter.store.memory;

import org.epicenter.store.AlertStore;
import org.epicenter.store.CatalogChangeStore;
import org.epicenter.store.NoticeStore;
import org.epicenter.store.OfficialStore;
import org.epicenter.store.ProbeResultStore;
import org.epicenter.store.ReportStore;
import org.epicenter.store.SecretStore;
import org.epicenter.store.Storage;

/**
 * Storage in memory, for offline replay and tests: one object per facet, each synchronized on
 * itself (simple beats fast here). Not durable; otherwise it keeps the same contract as every backend.
 */
public final class InMemoryStorage implements Storage {
    private final InMemoryReportStore reports = new InMemoryReportStore();
    private final InMemoryCatalogChangeStore catalogChanges = new InMemoryCatalogChangeStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final InMemoryProbeResultStore probeResults = new InMemoryProbeResultStore();
    private final InMemorySocialStore social = new InMemorySocialStore();
    private final InMemoryOfficialStore official = new InMemoryOfficialStore();
    private final InMemoryAlertStore alerts = new InMemoryAlertStore();
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();

    @Override
    public ReportStore reports() {
        return reports;
    }

    @Override
    public CatalogChangeStore catalogChanges() {
        return catalogChanges;
    }

    @Override
    public SecretStore secrets() {
        return secrets;
    }

    @Override
    public ProbeResultStore probeResults() {
        return probeResults;
    }

    @Override
    public OfficialStore official() {
        return official;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public NoticeStore notices() {
        return notices;
    }

    @Override
    public void close() {}

    @Override
    public org.epicenter.store.SocialStore social() {
        return social;
    }
}
