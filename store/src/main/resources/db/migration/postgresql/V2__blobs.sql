-- The content of uploaded files (PostgresBlobStore), so every node reads what any node stored. A blob is one row in
-- blobs and its bytes in blob_chunks, cut into pieces of chunk_size bytes (the last one shorter), so neither a write
-- nor a read ever holds a whole file in memory.
--
-- Each put writes its chunks under a fresh version from blob_versions and, in the same transaction, points the blobs
-- row at that version and deletes the chunks of every other version of the key: a key's chunks are only ever those of
-- its row's version. A reader remembers the version it opened, so once the blob is replaced or deleted its next chunk
-- is missing, never one of the new content.
--
-- stored_at is milliseconds since the epoch by the database's clock when the put was committed, the same clock for
-- every node.

CREATE SEQUENCE blob_versions;

CREATE TABLE blobs (
    key        TEXT    PRIMARY KEY,
    version    BIGINT  NOT NULL,
    size       BIGINT  NOT NULL CHECK (size >= 0),
    chunk_size INTEGER NOT NULL CHECK (chunk_size > 0),
    stored_at  BIGINT  NOT NULL
);
CREATE INDEX blobs_by_stored_at ON blobs (stored_at);

-- The key is part of the primary key so that a put can delete the chunks of the key's other versions, including
-- those of a put that committed just before it, by key alone.
CREATE TABLE blob_chunks (
    key     TEXT    NOT NULL,
    version BIGINT  NOT NULL,
    n       INTEGER NOT NULL CHECK (n >= 0),
    data    BYTEA   NOT NULL,
    PRIMARY KEY (key, version, n)
);
