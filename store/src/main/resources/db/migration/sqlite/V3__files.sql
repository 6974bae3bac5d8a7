-- Uploaded files: the metadata only. The content is a blob named after the id (files/<id> in the data directory),
-- never after the client's file name. purpose is a column so lists can filter on it.

CREATE TABLE files (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    project_id TEXT    NOT NULL,
    purpose    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX files_by_project ON files (project_id, seq);
CREATE INDEX files_by_purpose ON files (project_id, purpose, seq);
