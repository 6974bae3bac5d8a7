package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.VectorStore;
import java.util.Optional;

/**
 * Durable vector stores, scoped by project. What is read carries the usage and file counts computed from its files
 * ({@link VectorStore#withFiles}); the stored values of those fields are ignored. Thread-safe; every write is durable
 * on return.
 */
public interface VectorStoreStore {

    void insert(String projectId, VectorStore store);

    Optional<VectorStore> find(String projectId, String vectorStoreId);

    /** Replaces a stored vector store (name, expiry, metadata…); returns false when it does not exist. */
    boolean update(String projectId, VectorStore store);

    /** Sets {@code last_active_at}; returns false when the store does not exist. */
    boolean touch(String projectId, String vectorStoreId, long lastActiveAt);

    /** Removes the store with its files and batches; returns false when it did not exist. */
    boolean delete(String projectId, String vectorStoreId);

    Page<VectorStore> list(String projectId, PageRequest page);
}
