-- Which node executes which run (several nodes share a PostgreSQL database; with SQLite there is one node, and the
-- table is there so that both databases have the same schema). expires_at is in epoch milliseconds.
CREATE TABLE run_leases (
    run_id     TEXT    PRIMARY KEY,
    owner      TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX run_leases_by_owner ON run_leases (owner);
