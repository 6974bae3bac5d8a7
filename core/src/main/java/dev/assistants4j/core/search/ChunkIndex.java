package dev.assistants4j.core.search;

import java.util.List;
import java.util.Optional;

/**
 * The chunks of every vector store, searchable by vector and by keyword. Persistent: what {@link #add} and the
 * deletes returned from is on disk and survives a restart. Thread-safe.
 */
public interface ChunkIndex extends AutoCloseable {

    /** Adds the chunks (of one file) durably. A file's chunks are added once; re-adding first deletes the file. */
    void add(List<IndexedChunk> chunks);

    /** Removes a file's chunks from one vector store, durably. */
    void deleteFile(String vectorStoreId, String fileId);

    /** Removes every chunk of a vector store, durably. */
    void deleteStore(String vectorStoreId);

    /** The best chunks, best first, at most {@link ChunkQuery#limit()}. */
    List<ChunkHit> search(ChunkQuery query);

    /** How many chunks a file has in a vector store (0 when none). */
    int chunkCount(String vectorStoreId, String fileId);

    /** A file's chunks in a vector store, in order (for the file content endpoint). */
    List<ChunkHit> chunks(String vectorStoreId, String fileId);

    /**
     * Why this index cannot answer searches as the database would yet (a node on PostgreSQL still building its index
     * from the database at start), for the readiness probe; empty when it can. A local index is always ready.
     */
    default Optional<String> notReady() {
        return Optional.empty();
    }

    @Override
    void close();
}
