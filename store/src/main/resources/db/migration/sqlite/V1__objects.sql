-- Each object is a row: typed columns for what queries filter and sort on, the whole object as JSON in body.
-- seq gives a total order for cursor pagination even when many rows share one created_at second.

CREATE TABLE assistants (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    project_id TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX assistants_by_project ON assistants (project_id, seq);

CREATE TABLE threads (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    project_id TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX threads_by_project ON threads (project_id, seq);

CREATE TABLE messages (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    project_id TEXT    NOT NULL,
    thread_id  TEXT    NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    run_id     TEXT,
    created_at INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX messages_by_thread ON messages (project_id, thread_id, seq);
CREATE INDEX messages_by_run ON messages (project_id, thread_id, run_id, seq);
