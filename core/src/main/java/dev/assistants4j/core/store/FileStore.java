package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.FileObject;
import java.util.List;
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

    /** At most {@code limit} files of any project whose {@code expires_at} is at or before {@code now}. */
    List<ProjectFile> expired(long now, int limit);

    /** Whether a file with this id exists in any project. */
    boolean exists(String fileId);

    /** A file's id and the project that owns it. */
    record ProjectFile(String projectId, String fileId) {}
}
