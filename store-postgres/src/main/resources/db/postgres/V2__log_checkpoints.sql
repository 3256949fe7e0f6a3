-- Cluster mode: where the reader of each partition of the report log stands (SQLite's V6). next_offset moves
-- in the same transaction as the reports it covers; caught_up (epoch ms) is when the reader last had read all.
CREATE TABLE log_checkpoints (
    part        TEXT PRIMARY KEY,
    next_offset BIGINT NOT NULL,
    caught_up   BIGINT
);
