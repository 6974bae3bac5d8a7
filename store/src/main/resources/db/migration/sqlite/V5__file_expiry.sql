-- A file's expires_at as a column, so that expired files can be found and deleted without reading every body.

ALTER TABLE files ADD COLUMN expires_at INTEGER;
UPDATE files SET expires_at = json_extract(body, '$.expires_at');
CREATE INDEX files_by_expiry ON files (expires_at) WHERE expires_at IS NOT NULL;
