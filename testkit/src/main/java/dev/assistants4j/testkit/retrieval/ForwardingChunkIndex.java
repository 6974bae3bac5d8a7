package dev.assistants4j.testkit.retrieval;

import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import java.util.List;
import java.util.Optional;

/**
 * A chunk index that hands every call to another; subclasses override what they change (time it, make it fail).
 * Thread-safe when the index it forwards to is.
 */
public abstract class ForwardingChunkIndex implements ChunkIndex {

    private final ChunkIndex real;

    protected ForwardingChunkIndex(ChunkIndex real) {
        this.real = real;
    }

    @Override
    public void add(List<IndexedChunk> chunks) {
        real.add(chunks);
    }

    @Override
    public void deleteFile(String vectorStoreId, String fileId) {
        real.deleteFile(vectorStoreId, fileId);
    }

    @Override
    public void deleteStore(String vectorStoreId) {
        real.deleteStore(vectorStoreId);
    }

    @Override
    public List<ChunkHit> search(ChunkQuery query) {
        return real.search(query);
    }

    @Override
    public int chunkCount(String vectorStoreId, String fileId) {
        return real.chunkCount(vectorStoreId, fileId);
    }

    @Override
    public List<ChunkHit> chunks(String vectorStoreId, String fileId) {
        return real.chunks(vectorStoreId, fileId);
    }

    @Override
    public Optional<String> notReady() {
        return real.notReady();
    }

    @Override
    public void close() {
        real.close();
    }
}
