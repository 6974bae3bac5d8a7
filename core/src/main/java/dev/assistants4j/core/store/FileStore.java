package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.FileObject;
import java.util.Optional;

/**
 * Durable file metadata, scoped by project; the content is kept in a {@link BlobStore}. Thread-safe; every write is
 * durable on return.
 */
public interface FileStore {

    void insert(String projectId, FileObject file);

    Optional<FileObject> find(String projectId, String fileId);

    /** Returns false when it did not exist in the project. */
    boolean delete(String projectId, String fileId);

    /** The project's files in upload order, optionally only those of one purpose. */
    Page<FileObject> list(String projectId, Optional<String> purpose, PageRequest page);
}
