-- The same objects as the SQLite schema (db/migration/sqlite, V1 to V6), in one step: each object is a row, with typed
-- columns for what queries filter and sort on and the whole object as JSON text in body. body is text, not jsonb:
-- jsonb refuses the \u0000 a message may hold, and nothing queries inside it.
-- seq gives a total order for cursor pagination even when many rows share one created_at second.

CREATE TABLE assistants (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    project_id TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX assistants_by_project ON assistants (project_id, seq);

CREATE TABLE threads (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    project_id TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX threads_by_project ON threads (project_id, seq);

CREATE TABLE messages (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    project_id TEXT   NOT NULL,
    thread_id  TEXT   NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    run_id     TEXT,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX messages_by_thread ON messages (project_id, thread_id, seq);
CREATE INDEX messages_by_run ON messages (project_id, thread_id, run_id, seq);

-- status is a column so the one-active-run-per-thread rule and recovery can query it. The partial unique index makes
-- that rule the database's, whichever node inserts the run.
CREATE TABLE runs (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    project_id TEXT   NOT NULL,
    thread_id  TEXT   NOT NULL,
    status     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX runs_by_thread ON runs (project_id, thread_id, seq);
CREATE INDEX runs_by_status ON runs (status);
CREATE UNIQUE INDEX runs_one_active_per_thread ON runs (thread_id)
    WHERE status IN ('queued', 'in_progress', 'requires_action', 'cancelling');

CREATE TABLE run_steps (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    project_id TEXT   NOT NULL,
    thread_id  TEXT   NOT NULL,
    run_id     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX run_steps_by_run ON run_steps (project_id, thread_id, run_id, seq);

-- Uploaded files: the metadata only; the content is a blob named after the id.
CREATE TABLE files (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    project_id TEXT   NOT NULL,
    purpose    TEXT   NOT NULL,
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX files_by_project ON files (project_id, seq);
CREATE INDEX files_by_purpose ON files (project_id, purpose, seq);
CREATE INDEX files_by_expiry ON files (expires_at) WHERE expires_at IS NOT NULL;

-- Vector stores, their files and their file batches: file_counts and usage_bytes are GROUP BY queries over the files.
CREATE TABLE vector_stores (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    project_id TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX vector_stores_by_project ON vector_stores (project_id, seq);

CREATE TABLE vector_store_file_batches (
    seq             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    project_id      TEXT    NOT NULL,
    vector_store_id TEXT    NOT NULL REFERENCES vector_stores (id) ON DELETE CASCADE,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    body            TEXT    NOT NULL
);
CREATE INDEX vector_store_file_batches_by_store ON vector_store_file_batches (project_id, vector_store_id, seq);

-- id is the file's id: one row per file and vector store.
CREATE TABLE vector_store_files (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              TEXT   NOT NULL,
    project_id      TEXT   NOT NULL,
    vector_store_id TEXT   NOT NULL REFERENCES vector_stores (id) ON DELETE CASCADE,
    batch_id        TEXT,
    status          TEXT   NOT NULL,
    usage_bytes     BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    body            TEXT   NOT NULL,
    UNIQUE (vector_store_id, id)
);
CREATE INDEX vector_store_files_by_store ON vector_store_files (project_id, vector_store_id, seq);
CREATE INDEX vector_store_files_by_batch ON vector_store_files (batch_id, seq);
CREATE INDEX vector_store_files_by_file ON vector_store_files (project_id, id);
CREATE INDEX vector_store_files_by_status ON vector_store_files (status);

-- One row a probe write updates, to learn whether the database accepts writes again after one failed.
CREATE TABLE store_probe (id INTEGER PRIMARY KEY, probed_at BIGINT NOT NULL);
INSERT INTO store_probe (id, probed_at) VALUES (1, 0);
