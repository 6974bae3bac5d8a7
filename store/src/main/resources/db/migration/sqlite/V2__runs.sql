-- Runs and their steps. status is a column so the one-active-run-per-thread rule and start-up recovery can query it.

CREATE TABLE runs (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    project_id TEXT    NOT NULL,
    thread_id  TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX runs_by_thread ON runs (project_id, thread_id, seq);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE run_steps (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    project_id TEXT    NOT NULL,
    thread_id  TEXT    NOT NULL,
    run_id     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX run_steps_by_run ON run_steps (project_id, thread_id, run_id, seq);
