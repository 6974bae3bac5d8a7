package dev.assistants4j.store;

import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * Blobs in the PostgreSQL database (tables {@code blobs} and {@code blob_chunks}, migration V2), so that every node
 * on the database reads what any node stored. The content is cut into chunks of {@link #CHUNK_SIZE} bytes: neither a
 * put nor a reader ever holds more than one chunk in memory, whatever the size of the blob. Each blob's row records
 * the chunk size it was cut with, so a later change of the constant leaves older blobs readable.
 *
 * <p><b>Put</b> reads the input one chunk at a time and inserts each chunk as it is read, all in one transaction under
 * a fresh version number; at the end the same transaction points the key's row at that version and deletes the
 * chunks of every other version of the key. So a put either commits whole (durable when it returns: PostgreSQL's
 * commit) and replaces an earlier blob atomically, or leaves nothing of itself; when its input fails, an earlier blob
 * under the key stays as it was. Concurrent puts of one key end with one of them whole. A put holds one pooled
 * connection for as long as its input takes to read (the server spools uploads to local disk before storing them).
 *
 * <p><b>Open</b> reads the key's row (version and size) and returns a stream that fetches one chunk per query, on a
 * pooled connection taken and given back for that query only: an open stream holds no connection and no transaction,
 * however slowly it is read, and holds one chunk of heap at a time. The stream reads the version it opened: when the
 * blob is deleted or replaced meanwhile, its next fetch finds no chunk and fails with an {@link IOException} (the
 * chunk already fetched is still delivered), so a reader gets either the content it opened or an error, never a mix
 * of two contents. {@link InputStream#skip} moves without fetching the chunks it passes.
 *
 * <p><b>Failures.</b> A database that cannot be used now (unreachable, shutting down, out of disk or connections,
 * read-only) is a 503 {@link ServiceUnavailableException} from every method here, as from every other store (see
 * {@link Database}): nothing is changed, and retrying later helps, which callers such as the vector store ingestion
 * act on. Failures of the bytes themselves surface as {@link UncheckedIOException}, as the {@link BlobStore} contract
 * says: a put whose input fails, a missing key ({@link NoSuchFileException} cause). A stream's reads fail with an
 * {@link IOException} for every reason ({@link InputStream}'s contract): the blob was deleted or replaced since it was
 * opened, a chunk of the wrong length, or the database became unusable (the cause is then the {@link
 * ServiceUnavailableException}). When the connection drops during a put's commit, the put fails although it may have
 * committed; a blob no file refers to is removed by the orphan sweep ({@code FileService.deleteOrphanContent}).
 *
 * <p>{@link #keysStoredBefore} compares with the time each put committed, by the database's clock (one clock for all
 * nodes), to the millisecond. Deleted chunks take disk space until autovacuum reclaims it. Thread-safe; a stream is
 * for one thread at a time.
 */
final class PostgresBlobStore implements BlobStore {

    /** The size of each chunk but a blob's last: 1 MiB. */
    static final int CHUNK_SIZE = 1 << 20;

    /** The same keys as {@link LocalBlobStore}'s: ids, never names a client sent. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private static final String NOW_MILLIS = "floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    private final Database db;
    private final int chunkSize = CHUNK_SIZE;

    /** A store over {@code db}, which must be PostgreSQL migrated to V2 or later. */
    PostgresBlobStore(Database db) {
        this.db = db;
    }

    @Override
    public void put(String key, InputStream content) {
        requireKey(key);
        Objects.requireNonNull(content, "content");
        db.writeVoid(handle -> {
            long version = handle.createQuery("SELECT nextval('blob_versions')")
                    .mapTo(Long.class)
                    .one();
            long size = writeChunks(handle, key, version, content);
            handle.createUpdate("INSERT INTO blobs (key, version, size, chunk_size, stored_at)"
                            + " VALUES (:key, :version, :size, :chunk_size, " + NOW_MILLIS + ")"
                            + " ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, size = EXCLUDED.size,"
                            + " chunk_size = EXCLUDED.chunk_size, stored_at = EXCLUDED.stored_at")
                    .bind("key", key)
                    .bind("version", version)
                    .bind("size", size)
                    .bind("chunk_size", chunkSize)
                    .execute();
            // The row is locked now, so every other put of the key that committed is visible to this statement, and
            // every put still running will in turn delete these chunks when it gets the row.
            handle.createUpdate("DELETE FROM blob_chunks WHERE key = :key AND version <> :version")
                    .bind("key", key)
                    .bind("version", version)
                    .execute();
        });
    }

    /** Inserts {@code content} as the chunks of {@code version}, one chunk read and written at a time; its size. */
    private long writeChunks(Handle handle, String key, long version, InputStream content) {
        byte[] buffer = new byte[chunkSize];
        long size = 0;
        for (int n = 0; ; n++) {
            int length;
            try {
                length = content.readNBytes(buffer, 0, chunkSize);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the content to store as the blob " + key, e);
            }
            if (length == 0) {
                return size;
            }
            // Sent from the buffer as it is (no copy); the statement is done with it when execute returns.
            Argument data = (position, statement, context) ->
                    statement.setBinaryStream(position, new ByteArrayInputStream(buffer, 0, length), length);
            handle.createUpdate("INSERT INTO blob_chunks (key, version, n, data) VALUES (:key, :version, :n, :data)")
                    .bind("key", key)
                    .bind("version", version)
                    .bind("n", n)
                    .bind("data", data)
                    .execute();
            size += length;
            if (length < chunkSize) {
                return size; // readNBytes stops short only at the end of the input
            }
        }
    }

    @Override
    public InputStream open(String key) {
        Head head = head(key).orElseThrow(() -> missing(key, "read"));
        return new ChunkStream(key, head);
    }

    @Override
    public List<String> keysStoredBefore(Instant instant) {
        long millis = instant.toEpochMilli();
        return db.read(handle -> handle.createQuery("SELECT key FROM blobs WHERE stored_at < :millis")
                .bind("millis", millis)
                .mapTo(String.class)
                .list());
    }

    @Override
    public boolean delete(String key) {
        requireKey(key);
        return db.write(handle -> {
            int rows = handle.createUpdate("DELETE FROM blobs WHERE key = :key")
                    .bind("key", key)
                    .execute();
            if (rows == 0) {
                return false;
            }
            // A put of the key still running is invisible here and keeps its chunks; it recreates the row.
            handle.createUpdate("DELETE FROM blob_chunks WHERE key = :key")
                    .bind("key", key)
                    .execute();
            return true;
        });
    }

    @Override
    public long size(String key) {
        return head(key).orElseThrow(() -> missing(key, "read the size of")).size();
    }

    private Optional<Head> head(String key) {
        requireKey(key);
        return db.read(handle -> handle.createQuery("SELECT version, size, chunk_size FROM blobs WHERE key = :key")
                .bind("key", key)
                .map((rs, context) -> new Head(rs.getLong("version"), rs.getLong("size"), rs.getInt("chunk_size")))
                .findOne());
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
    }

    private static UncheckedIOException missing(String key, String action) {
        return new UncheckedIOException(
                "Cannot " + action + " the blob " + key, new NoSuchFileException(key, null, "no such blob"));
    }

    /** What a reader needs of a blob's row: the version whose chunks it reads, and how they are cut. */
    private record Head(long version, long size, int chunkSize) {}

    /**
     * The content of one version of a blob, fetched one chunk per query when the reader reaches it. Holds the current
     * chunk only.
     */
    private final class ChunkStream extends InputStream {

        private final String key;
        private final Head head;
        /** The offset of the next byte to read. */
        private long position;

        private byte[] chunk;
        private long chunkIndex = -1;
        private boolean closed;

        ChunkStream(String key, Head head) {
            this.key = key;
            this.head = head;
        }

        @Override
        public int read() throws IOException {
            ensureOpen();
            if (position >= head.size()) {
                return -1;
            }
            int offset = load();
            position++;
            return chunk[offset] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, bytes.length);
            ensureOpen();
            if (len == 0) {
                return 0;
            }
            if (position >= head.size()) {
                return -1;
            }
            int offset = load();
            int count = Math.min(len, chunk.length - offset);
            System.arraycopy(chunk, offset, bytes, off, count);
            position += count;
            return count;
        }

        @Override
        public long skip(long n) throws IOException {
            ensureOpen();
            if (n <= 0) {
                return 0;
            }
            long skipped = Math.min(n, head.size() - position);
            position += skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            ensureOpen();
            long index = position / head.chunkSize();
            if (chunk == null || index != chunkIndex || position >= head.size()) {
                return 0;
            }
            return chunk.length - (int) (position - index * head.chunkSize());
        }

        @Override
        public void close() {
            closed = true;
            chunk = null;
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("The stream of the blob " + key + " is closed");
            }
        }

        /** Makes the chunk holding {@link #position} the current one, fetching it if needed; the offset in it. */
        private int load() throws IOException {
            long index = position / head.chunkSize();
            if (index != chunkIndex) {
                chunk = null; // not kept while the next one is fetched
                chunk = fetch(index);
                chunkIndex = index;
            }
            return (int) (position - index * head.chunkSize());
        }

        private byte[] fetch(long index) throws IOException {
            long start = index * head.chunkSize();
            long expected = Math.min(head.chunkSize(), head.size() - start);
            Optional<byte[]> data;
            try {
                data = db.read(handle -> handle.createQuery(
                                "SELECT data FROM blob_chunks WHERE key = :key AND version = :version AND n = :n")
                        .bind("key", key)
                        .bind("version", head.version())
                        .bind("n", Math.toIntExact(index))
                        .map((rs, context) -> rs.getBytes(1))
                        .findOne());
            } catch (RuntimeException e) {
                throw new IOException("Cannot read the blob " + key + ": " + e.getMessage(), e);
            }
            if (data.isEmpty()) {
                throw new IOException("The blob " + key + " was deleted or replaced while it was read (at byte " + start
                        + " of " + head.size() + ")");
            }
            if (data.get().length != expected) {
                throw new IOException("The blob " + key + " is damaged: its chunk " + index + " holds "
                        + data.get().length + " bytes, not " + expected);
            }
            return data.get();
        }
    }
}
