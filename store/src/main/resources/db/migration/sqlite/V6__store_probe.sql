-- One row that a probe write updates, to learn whether the database accepts writes again after one failed (a full
-- disk, an I/O error): readiness and the runs waiting to end depend on it.

CREATE TABLE store_probe (id INTEGER PRIMARY KEY, probed_at INTEGER NOT NULL);
INSERT INTO store_probe (id, probed_at) VALUES (1, 0);
