-- Cluster mode: where the reader of each partition of the report log stands. next_offset moves in the
-- same transaction as the reports it covers; caught_up (epoch ms) is when the reader last had read all.
CREATE TABLE log_checkpoints (
    part        TEXT PRIMARY KEY,
    next_offset INTEGER NOT NULL,
    caught_up   INTEGER
);
