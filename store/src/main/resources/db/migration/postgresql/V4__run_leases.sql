-- Which node executes which run: a node holds a run's lease while it executes it and renews it while it lives; a run
-- whose lease expired is taken over by another node. expires_at is in epoch milliseconds.
CREATE TABLE run_leases (
    run_id     TEXT   PRIMARY KEY,
    owner      TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX run_leases_by_owner ON run_leases (owner);
