-- Official incidents read from status feeds, kept after the page drops them. Times are epoch milliseconds (UTC).
-- affected and updates are JSON lists; first_seen is when Epicenter first read the incident.
CREATE TABLE official_incidents (
    entry       TEXT    NOT NULL,
    feed        TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    impact      TEXT    NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER,
    resolved    INTEGER,
    link        TEXT,
    maintenance INTEGER NOT NULL CHECK (maintenance IN (0, 1)),
    from_at     INTEGER,
    until_at    INTEGER,
    affected    TEXT    NOT NULL,
    updates     TEXT    NOT NULL,
    first_seen  INTEGER NOT NULL,
    PRIMARY KEY (entry, feed, id)
);
CREATE INDEX official_incidents_by_created ON official_incidents (created);
