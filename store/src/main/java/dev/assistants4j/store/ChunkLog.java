package dev.assistants4j.store;

import dev.assistants4j.core.search.IndexedChunk;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The chunks of every node in PostgreSQL ({@code db/migration/postgresql/V3__chunks.sql}): the {@code chunks} table,
 * which is the truth, and the {@code chunk_changes} log of what changed, in commit order.
 *
 * <p><b>Order.</b> A write takes its locks first, then changes the chunks, then increments the head's seq (which
 * holds the head row's lock until it commits), appends its changes numbered from there, and commits. So changes
 * commit in seq order with no gaps: whoever has read change {@code n} has seen every change up to {@code n}. Writes
 * that could change the same chunks lock each other at their start, and so commit, and are numbered, in the order
 * their effects were made: a file's add and delete take an exclusive lock on the file and a shared one on its vector
 * store; a store's delete takes an exclusive lock on the store. These are transaction-scoped advisory locks keyed by
 * a hash of the database's id and the names (two names, or two databases on one server, that hash alike only make
 * their writes wait for each other), taken stores first, each kind in key order, so that no two writes wait for each
 * other in a cycle. Writes on other files run concurrently up to the head increment.
 *
 * <p>Failures are {@link Database}'s: a database that cannot be used is a 503. Thread-safe.
 */
final class ChunkLog {

    /** The first key of the advisory locks on a vector store ("a4cs"). */
    private static final int STORE_LOCK = 0x6134_6373;
    /** The first key of the advisory locks on a file of a vector store ("a4cf"). */
    private static final int FILE_LOCK = 0x6134_6366;

    private final Database db;

    ChunkLog(Database db) {
        this.db = db;
    }

    /**
     * The head of the log.
     *
     * @param databaseId a random id made when the tables were, naming this database to the nodes' indexes
     * @param seq the last change's number (0: none yet)
     * @param embedder the model that embedded the chunks, once one was recorded
     */
    record Head(String databaseId, long seq, Optional<String> embedder, int dimensions) {

        /** Whether chunks embedded by {@code name} with {@code dims} dimensions can join the database's. */
        boolean accepts(String name, int dims) {
            return embedder.isEmpty() || (embedder.get().equals(name) && dimensions == dims);
        }

        String describeEmbedder() {
            return "'" + embedder.orElse("?") + "' with " + dimensions + " dimensions";
        }
    }

    /**
     * A change: a file's chunks in a vector store are now what the {@code chunks} table holds of it (none after a
     * delete); or, with no file, the vector store was deleted.
     */
    record Change(long seq, String vectorStoreId, Optional<String> fileId) {}

    /** A file of a vector store. */
    record FileKey(String vectorStoreId, String fileId) {}

    /**
     * What a write did.
     *
     * @param changed whether it appended changes (a delete of nothing appends none)
     * @param seq its last change; when it appended none, the head when it ran
     */
    record Written(boolean changed, long seq) {}

    Head head() {
        return db.read(ChunkLog::head);
    }

    /**
     * Records {@code embedder} as the model of the database's chunks when none is recorded or there are no chunks;
     * returns the head as it is then.
     */
    Head claim(String embedder, int dimensions) {
        return db.write(h -> {
            h.createUpdate("UPDATE chunk_log_head SET embedder = :embedder, dimensions = :dimensions"
                            + " WHERE id = 1"
                            + " AND (embedder IS DISTINCT FROM :embedder OR dimensions IS DISTINCT FROM :dimensions)"
                            + " AND (embedder IS NULL OR NOT EXISTS (SELECT 1 FROM chunks))")
                    .bind("embedder", embedder)
                    .bind("dimensions", dimensions)
                    .execute();
            return head(h);
        });
    }

    /**
     * Stores each file's chunks in place of what the file had, one change per file in the map's order.
     *
     * @throws IllegalStateException when the database's chunks were embedded by another model (nothing is stored)
     */
    Written add(String databaseId, Map<FileKey, List<IndexedChunk>> files, String embedder, int dimensions) {
        return db.write(h -> {
            lock(h, STORE_LOCK, true, files.keySet().stream().map(f -> storeKey(databaseId, f.vectorStoreId())));
            lock(h, FILE_LOCK, false, files.keySet().stream().map(f -> fileKey(databaseId, f)));
            PreparedBatch insert = h.prepareBatch("INSERT INTO chunks"
                    + " (vector_store_id, file_id, chunk_index, text_utf8, embedding) VALUES (?, ?, ?, ?, ?)");
            for (Map.Entry<FileKey, List<IndexedChunk>> file : files.entrySet()) {
                deleteChunks(h, file.getKey());
                for (IndexedChunk chunk : file.getValue()) {
                    insert.add(
                            chunk.vectorStoreId(),
                            chunk.fileId(),
                            chunk.index(),
                            chunk.text().getBytes(StandardCharsets.UTF_8),
                            encode(chunk.vector()));
                }
            }
            insert.execute();
            Head head = h.createQuery("UPDATE chunk_log_head SET seq = seq + :n,"
                            + " embedder = COALESCE(embedder, :embedder), dimensions = COALESCE(dimensions, :dims)"
                            + " WHERE id = 1 RETURNING database_id, seq, embedder, dimensions")
                    .bind("n", files.size())
                    .bind("embedder", embedder)
                    .bind("dims", dimensions)
                    .map((rs, ctx) -> new Head(
                            rs.getString(1), rs.getLong(2), Optional.ofNullable(rs.getString(3)), rs.getInt(4)))
                    .one();
            if (!head.accepts(embedder, dimensions)) {
                throw new IllegalStateException("The database's chunks were embedded by " + head.describeEmbedder()
                        + ", but this server embeds with '" + embedder + "' with " + dimensions
                        + " dimensions: every server on one database needs the same file_search embedding model");
            }
            long seq = head.seq() - files.size();
            PreparedBatch changes = h.prepareBatch(
                    "INSERT INTO chunk_changes" + " (seq, vector_store_id, file_id, changed_at) VALUES (?, ?, ?, ?)");
            for (FileKey file : files.keySet()) {
                changes.add(++seq, file.vectorStoreId(), file.fileId(), now());
            }
            changes.execute();
            return new Written(true, head.seq());
        });
    }

    /** Removes a file's chunks from a vector store. */
    Written deleteFile(String databaseId, FileKey file) {
        return db.write(h -> {
            lock(h, STORE_LOCK, true, Stream.of(storeKey(databaseId, file.vectorStoreId())));
            lock(h, FILE_LOCK, false, Stream.of(fileKey(databaseId, file)));
            if (deleteChunks(h, file) == 0) {
                return new Written(false, head(h).seq());
            }
            return new Written(true, append(h, file.vectorStoreId(), file.fileId()));
        });
    }

    /** Removes every chunk of a vector store. */
    Written deleteStore(String databaseId, String vectorStoreId) {
        return db.write(h -> {
            lock(h, STORE_LOCK, false, Stream.of(storeKey(databaseId, vectorStoreId)));
            int deleted = h.createUpdate("DELETE FROM chunks WHERE vector_store_id = ?")
                    .bind(0, vectorStoreId)
                    .execute();
            if (deleted == 0) {
                return new Written(false, head(h).seq());
            }
            return new Written(true, append(h, vectorStoreId, null));
        });
    }

    /** The changes after {@code seq}, in order, at most {@code limit}. */
    List<Change> after(long seq, int limit) {
        return db.read(h -> h.createQuery("SELECT seq, vector_store_id, file_id FROM chunk_changes"
                        + " WHERE seq > ? ORDER BY seq LIMIT ?")
                .bind(0, seq)
                .bind(1, limit)
                .map((rs, ctx) -> new Change(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3))))
                .list());
    }

    /** Files' chunks as the database holds them now, each file's in order; a file with none is not in the map. */
    Map<FileKey, List<IndexedChunk>> files(Collection<FileKey> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        List<FileKey> keys = List.copyOf(new LinkedHashSet<>(files));
        return db.read(h -> {
            Map<FileKey, List<IndexedChunk>> found = new LinkedHashMap<>();
            h.createQuery("SELECT c.vector_store_id, c.file_id, c.chunk_index, c.text_utf8, c.embedding"
                            + " FROM unnest(:stores, :files) AS k (vector_store_id, file_id)"
                            + " JOIN chunks c ON c.vector_store_id = k.vector_store_id AND c.file_id = k.file_id"
                            + " ORDER BY c.vector_store_id, c.file_id, c.chunk_index")
                    .bindArray(
                            "stores",
                            String.class,
                            keys.stream().map(FileKey::vectorStoreId).toList())
                    .bindArray(
                            "files",
                            String.class,
                            keys.stream().map(FileKey::fileId).toList())
                    .map((rs, ctx) -> chunk(rs))
                    .forEach(chunk -> found.computeIfAbsent(
                                    new FileKey(chunk.vectorStoreId(), chunk.fileId()), k -> new ArrayList<>())
                            .add(chunk));
            return found;
        });
    }

    /**
     * Hands every file's chunks, one file at a time, to {@code perFile}, as they were at one moment; returns the seq of
     * the last change they include. Reads one consistent snapshot, streamed.
     */
    long snapshot(Consumer<List<IndexedChunk>> perFile) {
        return db.read(h -> h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, tx -> {
            tx.execute("SET TRANSACTION READ ONLY");
            long seq = head(tx).seq();
            try (Stream<IndexedChunk> chunks = tx
                    .createQuery("SELECT vector_store_id, file_id, chunk_index, text_utf8, embedding FROM chunks"
                            + " ORDER BY vector_store_id, file_id, chunk_index")
                    .setFetchSize(500)
                    .map((rs, ctx) -> chunk(rs))
                    .stream()) {
                List<IndexedChunk> file = new ArrayList<>();
                chunks.forEachOrdered(chunk -> {
                    if (!file.isEmpty() && !sameFile(file.getFirst(), chunk)) {
                        perFile.accept(List.copyOf(file));
                        file.clear();
                    }
                    file.add(chunk);
                });
                if (!file.isEmpty()) {
                    perFile.accept(List.copyOf(file));
                }
            }
            return seq;
        }));
    }

    /** The chunk in columns vector_store_id, file_id, chunk_index, text_utf8, embedding. */
    private static IndexedChunk chunk(ResultSet rs) throws SQLException {
        return new IndexedChunk(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                new String(rs.getBytes(4), StandardCharsets.UTF_8),
                decode(rs.getBytes(5)));
    }

    private static boolean sameFile(IndexedChunk a, IndexedChunk b) {
        return a.vectorStoreId().equals(b.vectorStoreId()) && a.fileId().equals(b.fileId());
    }

    private static Head head(Handle h) {
        return h.createQuery("SELECT database_id, seq, embedder, dimensions FROM chunk_log_head WHERE id = 1")
                .map((rs, ctx) ->
                        new Head(rs.getString(1), rs.getLong(2), Optional.ofNullable(rs.getString(3)), rs.getInt(4)))
                .one();
    }

    private static int deleteChunks(Handle h, FileKey file) {
        return h.createUpdate("DELETE FROM chunks WHERE vector_store_id = ? AND file_id = ?")
                .bind(0, file.vectorStoreId())
                .bind(1, file.fileId())
                .execute();
    }

    /** Appends one change; returns its seq. */
    private static long append(Handle h, String vectorStoreId, String fileId) {
        long seq = h.createQuery("UPDATE chunk_log_head SET seq = seq + 1 WHERE id = 1 RETURNING seq")
                .mapTo(Long.class)
                .one();
        h.createUpdate("INSERT INTO chunk_changes (seq, vector_store_id, file_id, changed_at) VALUES (?, ?, ?, ?)")
                .bind(0, seq)
                .bind(1, vectorStoreId)
                .bind(2, fileId)
                .bind(3, now())
                .execute();
        return seq;
    }

    /** Takes the transaction's advisory locks of one kind, in key order. */
    private static void lock(Handle h, int kind, boolean shared, Stream<Integer> keys) {
        SortedSet<Integer> ordered = keys.collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        String function = shared ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
        for (int key : ordered) {
            h.createQuery("SELECT count(*) FROM (SELECT " + function + "(?, ?)) AS locked")
                    .bind(0, kind)
                    .bind(1, key)
                    .mapTo(Long.class)
                    .one();
        }
    }

    private static int storeKey(String databaseId, String vectorStoreId) {
        return Objects.hash(databaseId, vectorStoreId);
    }

    private static int fileKey(String databaseId, FileKey file) {
        return Objects.hash(databaseId, file.vectorStoreId(), file.fileId());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** The vector's float32 values, big-endian. */
    static byte[] encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * vector.length);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
        return vector;
    }
}
