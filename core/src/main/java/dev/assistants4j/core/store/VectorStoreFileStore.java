package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.FileCounts;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable files of vector stores, keyed by vector store and file id, scoped by project. Only an {@code in_progress}
 * file changes state ({@link #finish}, {@link VectorStoreFileBatchStore#cancel}), so a late writer cannot undo a
 * cancel or a delete. Thread-safe; every write is durable on return.
 */
public interface VectorStoreFileStore {

    /**
     * Adds the file to its vector store, as part of {@code batchId} when present; returns false (changing nothing)
     * when the store already has it or the store does not exist.
     */
    boolean insert(String projectId, VectorStoreFile file, Optional<String> batchId);

    Optional<VectorStoreFile> find(String projectId, String vectorStoreId, String fileId);

    /**
     * Gives an in-progress file its outcome: the status, {@code usage_bytes} and {@code last_error} of {@code file}
     * (its other fields, such as attributes changed meanwhile, stay as stored). Returns false, changing nothing, when
     * the file is gone or no longer in progress.
     */
    boolean finish(String projectId, VectorStoreFile file);

    /** Replaces the attributes only; returns false when the file is not in the store. */
    boolean updateAttributes(String projectId, String vectorStoreId, String fileId, Map<String, Object> attributes);

    /** Removes the file from the vector store; returns false when it was not in it. */
    boolean delete(String projectId, String vectorStoreId, String fileId);

    /** Removes the file from every vector store of the project; returns the ids of the stores it was in. */
    List<String> deleteEverywhere(String projectId, String fileId);

    /**
     * A page of the store's files in the order they were added, only those of {@code batchId} and of {@code status}
     * when given. The cursors must be files of the store (and of the batch).
     */
    Page<VectorStoreFile> list(
            String projectId,
            String vectorStoreId,
            Optional<String> batchId,
            Optional<VectorStoreFileStatus> status,
            PageRequest page);

    /** Every file of the store with the given status (for attribute filters), in the order they were added. */
    List<VectorStoreFile> all(String projectId, String vectorStoreId, VectorStoreFileStatus status);

    /** The counts of the store's files by status, and the sum of their usage. */
    Usage usage(String projectId, String vectorStoreId);

    /** Every in-progress file of every project, oldest first: the work a stopped process left unfinished. */
    List<PendingFile> inProgress();

    /** The counts of a set of files and the sum of their usage bytes. */
    record Usage(FileCounts counts, long bytes) {}

    /** An in-progress file and its project. */
    record PendingFile(String projectId, VectorStoreFile file) {}
}
