package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileBatch;
import java.util.List;
import java.util.Optional;

/**
 * Durable file batches of vector stores, scoped by project. What is read carries the counts and status computed from
 * its files ({@link VectorStoreFileBatch#withFiles}). Thread-safe; every write is durable on return.
 */
public interface VectorStoreFileBatchStore {

    /**
     * Stores the batch and adds its files to the vector store, in one transaction. A file the store already has joins
     * the batch as it is. Returns the files that were new, the ones to ingest.
     */
    List<VectorStoreFile> insert(String projectId, VectorStoreFileBatch batch, List<VectorStoreFile> files);

    Optional<VectorStoreFileBatch> find(String projectId, String vectorStoreId, String batchId);

    /**
     * Marks the batch cancelled and its in-progress files cancelled, in one transaction; returns false when the batch
     * does not exist.
     */
    boolean cancel(String projectId, String vectorStoreId, String batchId);
}
