-- Virtual keys and teams (LiteLLM's /key/* and /team/*), as SQLite's V8. A key is stored only as its SHA-256
-- (token); id is its stable id, which survives a regenerate. A team is a project: its id is the project id of its
-- keys' objects. access_changes.version grows with every write to either table, in the same transaction: every node
-- polls it (one row, by primary key) to drop the keys it cached, so a blocked, expired or deleted key stops working on
-- every node within a second.

CREATE TABLE teams (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);

CREATE TABLE virtual_keys (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL UNIQUE,
    token      TEXT   NOT NULL UNIQUE,
    key_alias  TEXT   UNIQUE,
    team_id    TEXT,
    created_at BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX virtual_keys_by_team ON virtual_keys (team_id, seq);

CREATE TABLE access_changes (id INTEGER PRIMARY KEY, version BIGINT NOT NULL);
INSERT INTO access_changes (id, version) VALUES (1, 0);
