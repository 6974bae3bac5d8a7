package dev.assistants4j.core.service;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.error.ServerException;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload, read, list and delete the files of a project. The metadata goes to a {@link FileStore}, the bytes to a
 * {@link BlobStore} under the file's id, so a client's file name is only ever data. Thread-safe.
 *
 * @param onDelete told about every file this service deleted (vector stores drop it)
 */
public record FileService(FileStore files, BlobStore blobs, Clock clock, DeletionHook onDelete) {

    /** How many expired files one query finds. */
    private static final int EXPIRY_BATCH = 100;

    /** The purposes a client may upload a file for. */
    public static final List<String> UPLOAD_PURPOSES =
            List.of("assistants", "assistants_output", "batch", "fine-tune", "vision", "user_data", "evals");

    /** Longer file names are shortened to this many characters (code points), keeping a short extension. */
    public static final int MAX_FILENAME_LENGTH = 512;

    /** The name of a file uploaded without one. */
    public static final String DEFAULT_FILENAME = "upload";

    /** The bounds of {@code expires_after.seconds}: one hour to 30 days. */
    public static final long MIN_EXPIRES_AFTER_SECONDS = 3_600;

    public static final long MAX_EXPIRES_AFTER_SECONDS = 2_592_000;

    /** The most files one list call returns (OpenAI's default and maximum). */
    public static final int MAX_LIST_LIMIT = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(FileService.class);
    private static final int MAX_KEPT_EXTENSION = 16;

    /** Told about each deleted file, after its row is gone, so what refers to it can go too. Thread-safe. */
    @FunctionalInterface
    public interface DeletionHook {

        /** Does nothing. */
        DeletionHook NONE = (projectId, fileId) -> {};

        void fileDeleted(String projectId, String fileId);
    }

    /**
     * Stores the content, then the file's row; returns once both are durable. When the content cannot be stored no
     * row is written, and when the row cannot be written the content is removed again.
     */
    public FileObject upload(String projectId, FileUploadRequest request) {
        requireUploadPurpose(request.purpose());
        request.expiresAfterSeconds().ifPresent(FileService::requireExpiry);
        String id = Ids.next(Ids.FILE);
        long createdAt = clock.instant().getEpochSecond();
        blobs.put(id, request.content());
        try {
            FileObject file = new FileObject(
                    id,
                    blobs.size(id),
                    createdAt,
                    request.expiresAfterSeconds().isPresent()
                            ? createdAt + request.expiresAfterSeconds().getAsLong()
                            : null,
                    cleanFilename(request.filename()),
                    request.purpose(),
                    FileObject.PROCESSED,
                    null);
            files.insert(projectId, file);
            return file;
        } catch (RuntimeException e) {
            deleteQuietly(id, e);
            throw e;
        }
    }

    public FileObject retrieve(String projectId, String fileId) {
        return files.find(projectId, fileId).orElseThrow(() -> notFound(fileId));
    }

    /** As {@link #list(String, Optional, int, ListOrder, Optional, Optional)} with no {@code before} cursor. */
    public Page<FileObject> list(
            String projectId, Optional<String> purpose, int limit, ListOrder order, Optional<String> after) {
        return list(projectId, purpose, limit, order, after, Optional.empty());
    }

    /**
     * Up to {@code limit} (1..{@value #MAX_LIST_LIMIT}) files, in upload order or its reverse, after the {@code after}
     * cursor and before the {@code before} cursor, as every list pages (with only {@code before}, the ones nearest
     * to it). Reads the store in pages of at most {@value PageRequest#MAX_LIMIT}.
     *
     * @throws dev.assistants4j.core.error.InvalidRequestException when a cursor is not a file of this list
     */
    public Page<FileObject> list(
            String projectId,
            Optional<String> purpose,
            int limit,
            ListOrder order,
            Optional<String> after,
            Optional<String> before) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIST_LIMIT);
        }
        boolean backwards = after.isEmpty() && before.isPresent();
        List<FileObject> data = new ArrayList<>();
        Optional<String> cursor = backwards ? before : after;
        boolean hasMore = false;
        while (data.size() < limit) {
            int chunk = Math.min(PageRequest.MAX_LIMIT, limit - data.size());
            PageRequest request = backwards
                    ? new PageRequest(chunk, order, Optional.empty(), cursor)
                    : new PageRequest(chunk, order, cursor, before);
            Page<FileObject> page = files.list(projectId, purpose, request);
            data.addAll(backwards ? 0 : data.size(), page.data());
            hasMore = page.hasMore();
            if (!hasMore || page.data().isEmpty()) {
                break;
            }
            cursor = Optional.of(
                    backwards
                            ? page.data().getFirst().id()
                            : page.data().getLast().id());
        }
        return new Page<>(data, hasMore);
    }

    /**
     * Removes the row, then what refers to the file (see {@link DeletionHook}), then the content: once this returns
     * the file is gone for every reader.
     */
    public DeletedObject delete(String projectId, String fileId) {
        if (!files.delete(projectId, fileId)) {
            throw notFound(fileId);
        }
        try {
            onDelete.fileDeleted(projectId, fileId);
        } catch (RuntimeException e) {
            LOG.error("Removing the deleted file {} from what refers to it failed", fileId, e);
        }
        try {
            blobs.delete(fileId);
        } catch (RuntimeException e) {
            // The row is gone, so nothing can reach the content any more; it is only wasted space.
            LOG.warn("The content of the deleted file {} could not be removed", fileId, e);
        }
        return new DeletedObject(fileId, "file", true);
    }

    /**
     * Deletes every file whose {@code expires_after} has passed, as {@link #delete} does (vector stores drop them
     * too), as OpenAI deleted expired files. Returns how many it deleted.
     */
    public int deleteExpired() {
        int deleted = 0;
        while (true) {
            List<FileStore.ProjectFile> batch = files.expired(clock.instant().getEpochSecond(), EXPIRY_BATCH);
            for (FileStore.ProjectFile expired : batch) {
                try {
                    delete(expired.projectId(), expired.fileId());
                    deleted++;
                } catch (NotFoundException e) {
                    // deleted meanwhile by its owner
                }
            }
            if (batch.size() < EXPIRY_BATCH) {
                return deleted;
            }
        }
    }

    /**
     * Removes content stored before {@code before} that no file refers to: left by a process that stopped between
     * storing an upload's content and its row, or between a deletion's row and its content. With {@code before} the
     * start of this process, no upload in progress can be touched. Returns how many it removed.
     */
    public int deleteOrphanContent(Instant before) {
        int removed = 0;
        for (String key : blobs.keysStoredBefore(before)) {
            if (!files.exists(key) && blobs.delete(key)) {
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed the content of {} file(s) that no file refers to", removed);
        }
        return removed;
    }

    /** The file and a stream of its content, which the caller closes. */
    public FileContent content(String projectId, String fileId) {
        FileObject file = retrieve(projectId, fileId);
        try {
            return new FileContent(file, blobs.open(fileId));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                LOG.error("The file {} has a row but no content", fileId, e);
                throw new ServerException("The content of " + fileId + " is missing from the server's storage.", e);
            }
            throw e;
        }
    }

    /** A file and its content. */
    public record FileContent(FileObject file, InputStream stream) {}

    /**
     * The name as stored: control characters removed, at most {@value #MAX_FILENAME_LENGTH} code points (keeping a
     * short extension), {@value #DEFAULT_FILENAME} when nothing is left. Path separators and dots stay: the name is
     * data and never becomes part of a path.
     */
    static String cleanFilename(String raw) {
        if (raw == null) {
            return DEFAULT_FILENAME;
        }
        int[] kept = raw.codePoints().filter(c -> !isControl(c)).toArray();
        String cleaned = new String(kept, 0, kept.length).strip();
        if (cleaned.isEmpty()) {
            return DEFAULT_FILENAME;
        }
        int length = cleaned.codePointCount(0, cleaned.length());
        if (length <= MAX_FILENAME_LENGTH) {
            return cleaned;
        }
        int dot = cleaned.lastIndexOf('.');
        String extension = dot > 0 && cleaned.length() - dot <= MAX_KEPT_EXTENSION ? cleaned.substring(dot) : "";
        int stemLength = MAX_FILENAME_LENGTH - extension.codePointCount(0, extension.length());
        return cleaned.substring(0, cleaned.offsetByCodePoints(0, stemLength)) + extension;
    }

    private static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL || codePoint == '\u2028' || codePoint == '\u2029';
    }

    private static void requireUploadPurpose(String purpose) {
        if (!UPLOAD_PURPOSES.contains(purpose)) {
            throw new InvalidRequestException(
                    "Invalid value for 'purpose': '" + purpose + "'. Supported values are: "
                            + String.join(", ", UPLOAD_PURPOSES) + ".",
                    "purpose",
                    "invalid_value");
        }
    }

    private static void requireExpiry(long seconds) {
        if (seconds < MIN_EXPIRES_AFTER_SECONDS || seconds > MAX_EXPIRES_AFTER_SECONDS) {
            throw new InvalidRequestException(
                    "Invalid 'expires_after.seconds': expected a value between " + MIN_EXPIRES_AFTER_SECONDS + " and "
                            + MAX_EXPIRES_AFTER_SECONDS + ", but got " + seconds + " instead.",
                    "expires_after.seconds",
                    "invalid_value");
        }
    }

    private void deleteQuietly(String id, RuntimeException failure) {
        try {
            blobs.delete(id);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** OpenAI's wording for an unknown file. */
    private static NotFoundException notFound(String fileId) {
        return new NotFoundException("No such File object: " + fileId, "id");
    }
}
