-- Raw reports: kept for the raw retention (default 30 days). Times are epoch milliseconds (UTC).
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    service     TEXT    NOT NULL,
    problem     TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    reporter    TEXT    NOT NULL,
    counted     INTEGER NOT NULL CHECK (counted IN (0, 1))
);
CREATE INDEX reports_by_time ON reports (received_at);

-- Counted reports per epoch minute by service x country x problem: kept 400 days (a year of baseline).
CREATE TABLE minute_counts (
    service TEXT    NOT NULL,
    minute  INTEGER NOT NULL,
    country TEXT    NOT NULL,
    problem TEXT    NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (service, minute, country, problem)
) WITHOUT ROWID;
CREATE INDEX minute_counts_by_minute ON minute_counts (minute, service, reports);

-- One random key per UTC day for reporter hashes; old days are deleted so old hashes link to nobody.
CREATE TABLE reporter_keys (
    day TEXT PRIMARY KEY,
    key BLOB NOT NULL
);

-- Catalog changes made through the admin API; entry is null for a removal. Last change per id wins.
CREATE TABLE catalog_changes (
    id    TEXT PRIMARY KEY,
    seq   INTEGER NOT NULL,
    entry TEXT
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
