-- "Tell me when it is back": visitors' one-shot email notices (double opt-in). Times are epoch
-- milliseconds (UTC). Rows, and the addresses in them, are deleted 30 days after they were asked.
CREATE TABLE notices (
    id           TEXT PRIMARY KEY,
    service      TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    email_key    TEXT    NOT NULL,
    lang         TEXT    NOT NULL CHECK (lang IN ('en', 'ar')),
    state        TEXT    NOT NULL CHECK (state IN ('unconfirmed', 'watching', 'told', 'stopped', 'expired', 'failed')),
    created      INTEGER NOT NULL,
    since        INTEGER NOT NULL,
    confirmed    INTEGER,
    mail         TEXT CHECK (mail IN ('confirm', 'back')),
    attempts     INTEGER NOT NULL,
    next_attempt INTEGER NOT NULL,
    last_error   TEXT,
    sent         INTEGER
);
CREATE INDEX notices_address ON notices (email_key, created);
CREATE INDEX notices_state ON notices (state, created);
CREATE INDEX notices_due ON notices (next_attempt) WHERE mail IS NOT NULL;
CREATE INDEX notices_created ON notices (created);
