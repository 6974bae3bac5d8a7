-- Vector stores, their files and their file batches. A file's status, usage and batch are columns, so a store's and a
-- batch's file_counts and usage_bytes are GROUP BY queries over the files: never counters that could drift.
-- Deleting a vector store deletes its files and batches (ON DELETE CASCADE).

CREATE TABLE vector_stores (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    project_id TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX vector_stores_by_project ON vector_stores (project_id, seq);

CREATE TABLE vector_store_file_batches (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,
    project_id      TEXT    NOT NULL,
    vector_store_id TEXT    NOT NULL REFERENCES vector_stores (id) ON DELETE CASCADE,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    body            TEXT    NOT NULL
);
CREATE INDEX vector_store_file_batches_by_store ON vector_store_file_batches (project_id, vector_store_id, seq);

-- id is the file's id: one row per file and vector store.
CREATE TABLE vector_store_files (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL,
    project_id      TEXT    NOT NULL,
    vector_store_id TEXT    NOT NULL REFERENCES vector_stores (id) ON DELETE CASCADE,
    batch_id        TEXT,
    status          TEXT    NOT NULL,
    usage_bytes     INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    body            TEXT    NOT NULL,
    UNIQUE (vector_store_id, id)
);
CREATE INDEX vector_store_files_by_store ON vector_store_files (project_id, vector_store_id, seq);
CREATE INDEX vector_store_files_by_batch ON vector_store_files (batch_id, seq);
CREATE INDEX vector_store_files_by_file ON vector_store_files (project_id, id);
CREATE INDEX vector_store_files_by_status ON vector_store_files (status);
