-- The spend log (append-only, one row per model call, LiteLLM's /spend/logs fields; times in epoch milliseconds),
-- the spend totals per key or team and budget period (period_seconds 0: all time), the rate-limit counts each node
-- shares with the others (one row per node, subject and one-minute window), and the key each run charges.
CREATE TABLE spend_logs (
    seq               BIGSERIAL PRIMARY KEY,
    request_id        TEXT    NOT NULL,
    call_type         TEXT    NOT NULL,
    api_key           TEXT    NOT NULL,
    team_id           TEXT,
    project_id        TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    prompt_tokens     BIGINT  NOT NULL,
    completion_tokens BIGINT  NOT NULL,
    total_tokens      BIGINT  NOT NULL,
    spend             DOUBLE PRECISION NOT NULL,
    start_time        BIGINT  NOT NULL,
    end_time          BIGINT  NOT NULL,
    run_id            TEXT,
    end_user          TEXT
);
CREATE INDEX spend_logs_by_key ON spend_logs (api_key, start_time);
CREATE INDEX spend_logs_by_team ON spend_logs (team_id, start_time);
CREATE INDEX spend_logs_by_request ON spend_logs (request_id);
CREATE INDEX spend_logs_by_time ON spend_logs (start_time);

CREATE TABLE spend_totals (
    subject_kind   TEXT    NOT NULL,
    subject_id     TEXT    NOT NULL,
    period_seconds BIGINT  NOT NULL,
    period_start   BIGINT  NOT NULL,
    spend          DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, period_seconds, period_start)
);

CREATE TABLE rate_counts (
    node_id      TEXT    NOT NULL,
    subject_kind TEXT    NOT NULL,
    subject_id   TEXT    NOT NULL,
    window_start BIGINT  NOT NULL,
    requests     BIGINT  NOT NULL,
    tokens       BIGINT  NOT NULL,
    in_flight    BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (node_id, subject_kind, subject_id, window_start)
);
CREATE INDEX rate_counts_by_window ON rate_counts (window_start);

CREATE TABLE run_keys (
    run_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL
);
