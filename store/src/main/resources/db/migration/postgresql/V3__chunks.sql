-- file_search's chunks, for every node (see ReplicatedChunkIndex). The chunks table is the truth; each node keeps its
-- own search index (Lucene) as a copy, which it keeps up to date by reading chunk_changes in seq order.
-- Nothing here references vector_stores: the index's writes (add, delete a file, delete a store) go through the log,
-- and a cascade would bypass it.

-- One row. seq is the last change's number: a write increments it in its transaction, so it holds the row's lock
-- until it commits, and the next write waits for it. Changes therefore commit in seq order with no gaps, and a node
-- that has read change n has seen every change before it. database_id tells a node's index which database it
-- followed. embedder and dimensions name the model that embedded the chunks, so a node configured with another one is
-- refused before it mixes vectors that cannot be compared.
CREATE TABLE chunk_log_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    database_id TEXT    NOT NULL,
    seq         BIGINT  NOT NULL,
    embedder    TEXT,
    dimensions  INTEGER
);
INSERT INTO chunk_log_head (id, database_id, seq)
VALUES (1, md5(random()::text || clock_timestamp()::text || pg_backend_pid()::text), 0);

-- A file's chunks in one vector store. text_utf8 is the text's UTF-8 bytes (text columns refuse \u0000, which an
-- extracted file may hold); embedding is the vector's float32 values, big-endian.
CREATE TABLE chunks (
    vector_store_id TEXT    NOT NULL,
    file_id         TEXT    NOT NULL,
    chunk_index     INTEGER NOT NULL,
    text_utf8       BYTEA   NOT NULL,
    embedding       BYTEA   NOT NULL,
    PRIMARY KEY (vector_store_id, file_id, chunk_index)
);

-- What changed, in commit order: file_id set, that file's chunks in that store are now what the chunks table holds
-- (none after a delete); file_id NULL, the whole store was deleted. Append-only.
CREATE TABLE chunk_changes (
    seq             BIGINT PRIMARY KEY,
    vector_store_id TEXT   NOT NULL,
    file_id         TEXT,
    changed_at      BIGINT NOT NULL
);
