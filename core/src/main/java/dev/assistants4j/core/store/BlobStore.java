package dev.assistants4j.core.store;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Durable byte content by key, such as the content of uploaded files. Keys are opaque ids chosen by the server
 * (letters, digits, {@code _} and {@code -}), never names a client sent. Thread-safe; a key is written once.
 * Failures to read or write the backing storage surface as {@link java.io.UncheckedIOException}.
 */
public interface BlobStore {

    /**
     * Stores everything {@code content} yields under {@code key}, replacing what was there. Blocks until the bytes are
     * durable; on failure nothing is left under the key. Does not close {@code content}.
     */
    void put(String key, InputStream content);

    /**
     * The content stored under {@code key}; the caller closes the stream.
     *
     * @throws java.io.UncheckedIOException with a {@link java.nio.file.NoSuchFileException} cause when there is none
     */
    InputStream open(String key);

    /**
     * The keys whose content was stored before {@code instant}, in no particular order (a write in progress is not one
     * yet).
     */
    List<String> keysStoredBefore(Instant instant);

    /** Removes the content under {@code key}; returns false when there was none. */
    boolean delete(String key);

    /**
     * The size in bytes of the content under {@code key}.
     *
     * @throws java.io.UncheckedIOException with a {@link java.nio.file.NoSuchFileException} cause when there is none
     */
    long size(String key);
}
