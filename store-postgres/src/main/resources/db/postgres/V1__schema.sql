-- The whole schema of the SQLite migrations V1-V5, in PostgreSQL's types. Times are epoch milliseconds (UTC),
-- as on SQLite, so that one set of facet classes serves both. A later SQLite migration gets its twin here.

-- Raw reports: kept for the raw retention (default 30 days).
CREATE TABLE reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at BIGINT  NOT NULL,
    service     TEXT    NOT NULL,
    problem     TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    reporter    TEXT    NOT NULL,
    counted     INTEGER NOT NULL CHECK (counted IN (0, 1))
);
CREATE INDEX reports_by_time ON reports (received_at);

-- Counted reports per epoch minute by service x country x problem: kept 400 days (a year of baseline).
CREATE TABLE minute_counts (
    service TEXT   NOT NULL,
    minute  BIGINT NOT NULL,
    country TEXT   NOT NULL,
    problem TEXT   NOT NULL,
    reports BIGINT NOT NULL,
    PRIMARY KEY (service, minute, country, problem)
);
CREATE INDEX minute_counts_by_minute ON minute_counts (minute, service, reports);

-- One random key per UTC day for reporter hashes; old days are deleted so old hashes link to nobody.
CREATE TABLE reporter_keys (
    day TEXT PRIMARY KEY,
    key BYTEA NOT NULL
);

-- Catalog changes made through the admin API; entry is null for a removal. Last change per id wins.
CREATE TABLE catalog_changes (
    id    TEXT PRIMARY KEY,
    seq   BIGINT NOT NULL,
    entry TEXT
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every accepted probe result (the server's own runs and agents' batches).
CREATE TABLE probe_results (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         BIGINT  NOT NULL,
    entry      TEXT    NOT NULL,
    probe      TEXT    NOT NULL,
    location   TEXT    NOT NULL,
    ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
    latency_ms BIGINT  NOT NULL,
    detail     TEXT
);
CREATE INDEX probe_results_by_time ON probe_results (at);
CREATE INDEX probe_results_by_probe ON probe_results (entry, probe, at);

-- Official incidents read from status feeds, kept after the page drops them. affected and updates are JSON lists.
CREATE TABLE official_incidents (
    entry       TEXT    NOT NULL,
    feed        TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    impact      TEXT    NOT NULL,
    created     BIGINT  NOT NULL,
    updated     BIGINT,
    resolved    BIGINT,
    link        TEXT,
    maintenance INTEGER NOT NULL CHECK (maintenance IN (0, 1)),
    from_at     BIGINT,
    until_at    BIGINT,
    affected    TEXT    NOT NULL,
    updates     TEXT    NOT NULL,
    first_seen  BIGINT  NOT NULL,
    PRIMARY KEY (entry, feed, id)
);
CREATE INDEX official_incidents_by_created ON official_incidents (created);

-- Alert subscriptions, silences and the durable outbox. An outbox key is unique forever.
CREATE TABLE alert_subscriptions (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
CREATE TABLE alert_silences (
    id        TEXT PRIMARY KEY,
    services  TEXT   NOT NULL,
    providers TEXT   NOT NULL,
    from_at   BIGINT NOT NULL,
    until_at  BIGINT NOT NULL,
    comment   TEXT
);
CREATE TABLE alert_outbox (
    key          TEXT PRIMARY KEY,
    subscription TEXT    NOT NULL,
    grp          TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'suppressed')),
    size         INTEGER NOT NULL,
    payload      TEXT    NOT NULL,
    attempts     INTEGER NOT NULL,
    next_attempt BIGINT  NOT NULL,
    last_error   TEXT,
    created      BIGINT  NOT NULL,
    sent         BIGINT
);
CREATE INDEX alert_outbox_due ON alert_outbox (state, next_attempt);
CREATE INDEX alert_outbox_created ON alert_outbox (created);

-- "Tell me when it is back": visitors' one-shot email notices, deleted 30 days after they were asked.
CREATE TABLE notices (
    id           TEXT PRIMARY KEY,
    service      TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    email_key    TEXT    NOT NULL,
    lang         TEXT    NOT NULL CHECK (lang IN ('en', 'ar')),
    state        TEXT    NOT NULL CHECK (state IN ('unconfirmed', 'watching', 'told', 'stopped', 'expired', 'failed')),
    created      BIGINT  NOT NULL,
    since        BIGINT  NOT NULL,
    confirmed    BIGINT,
    mail         TEXT CHECK (mail IN ('confirm', 'back')),
    attempts     INTEGER NOT NULL,
    next_attempt BIGINT  NOT NULL,
    last_error   TEXT,
    sent         BIGINT
);
CREATE INDEX notices_address ON notices (email_key, created);
CREATE INDEX notices_state ON notices (state, created);
CREATE INDEX notices_due ON notices (next_attempt) WHERE mail IS NOT NULL;
CREATE INDEX notices_created ON notices (created);
