-- Every accepted probe result (the server's own runs and agents' batches). Times are epoch milliseconds (UTC).
CREATE TABLE probe_results (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    entry      TEXT    NOT NULL,
    probe      TEXT    NOT NULL,
    location   TEXT    NOT NULL,
    ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
    latency_ms INTEGER NOT NULL,
    detail     TEXT
);
CREATE INDEX probe_results_by_time ON probe_results (at);
CREATE INDEX probe_results_by_probe ON probe_results (entry, probe, at);
