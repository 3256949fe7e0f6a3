-- Alert subscriptions (JSON as sent to the admin API) and silences (lists as JSON), and the durable outbox of
-- notifications. Times are epoch milliseconds (UTC). An outbox key is unique forever.
CREATE TABLE alert_subscriptions (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
CREATE TABLE alert_silences (
    id        TEXT PRIMARY KEY,
    services  TEXT    NOT NULL,
    providers TEXT    NOT NULL,
    from_at   INTEGER NOT NULL,
    until_at  INTEGER NOT NULL,
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
    next_attempt INTEGER NOT NULL,
    last_error   TEXT,
    created      INTEGER NOT NULL,
    sent         INTEGER
);
CREATE INDEX alert_outbox_due ON alert_outbox (state, next_attempt);
CREATE INDEX alert_outbox_created ON alert_outbox (created);
