package org.epicenter.store.sql;

import java.util.function.Function;
import org.epicenter.store.AlertStore;
import org.epicenter.store.CatalogChangeStore;
import org.epicenter.store.NoticeStore;
import org.epicenter.store.OfficialStore;
import org.epicenter.store.ProbeResultStore;
import org.epicenter.store.ReportStore;
import org.epicenter.store.SecretStore;
import org.epicenter.store.Storage;
import org.jdbi.v3.core.Handle;

/**
 * A storage backend on an SQL database: SQLite (the embedded default) or PostgreSQL. The facets'
 * SQL is the same on both (upserts are {@code INSERT ... ON CONFLICT}, times are epoch
 * milliseconds), so one class per facet serves every SQL backend; a backend says only how it
 * connects, migrates and runs a read or a write, and keeps its own schema migrations (the column
 * types differ).
 */
public abstract class SqlStorage implements Storage {
    private final SqlReportStore reports = new SqlReportStore(this);
    private final SqlCatalogChangeStore catalogChanges = new SqlCatalogChangeStore(this);
    private final SqlSecretStore secrets = new SqlSecretStore(this);
    private final SqlProbeResultStore probeResults = new SqlProbeResultStore(this);
    private final SqlSocialStore social = new SqlSocialStore(this);
    private final SqlOfficialStore official = new SqlOfficialStore(this);
    private final SqlAlertStore alerts = new SqlAlertStore(this);
    private final SqlNoticeStore notices = new SqlNoticeStore(this);

    /** Runs a query on a connection of the backend's choosing, outside any write transaction. */
    protected abstract <T> T read(Function<Handle, T> query);

    /** Runs a change in one transaction: committed when it returns, rolled back when it throws. */
    protected abstract <T> T write(Function<Handle, T> change);

    /**
     * True when every write runs on one connection, one at a time (SQLite): the report facet then
     * keeps its hot-path statements prepared on it.
     */
    protected abstract boolean oneWriter();

    /**
     * Called first in a write that must not run beside the same kind of write from another node (a
     * notice for one address, a catalog change): holds a lock named {@code key} until the write's
     * transaction ends. A backend with one writer needs nothing.
     */
    protected void lockFor(Handle h, long key) {}

    /** Closes what the facets hold on the writer connection; the caller holds the write lock. */
    protected final void closeFacets() {
        reports.closeStatements();
    }

    @Override
    public final ReportStore reports() {
        return reports;
    }

    @Override
    public final CatalogChangeStore catalogChanges() {
        return catalogChanges;
    }

    @Override
    public final SecretStore secrets() {
        return secrets;
    }

    @Override
    public final org.epicenter.store.SocialStore social() {
        return social;
    }

    @Override
    public final ProbeResultStore probeResults() {
        return probeResults;
    }

    @Override
    public final OfficialStore official() {
        return official;
    }

    @Override
    public final AlertStore alerts() {
        return alerts;
    }

    @Override
    public final NoticeStore notices() {
        return notices;
    }
}
