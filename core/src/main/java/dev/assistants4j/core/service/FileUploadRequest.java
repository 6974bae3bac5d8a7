package dev.assistants4j.core.service;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a client sent to upload a file, parsed but not yet checked against the API's rules.
 *
 * @param filename the name the client gave (may hold anything, path separators included), or null
 * @param purpose the purpose as sent
 * @param expiresAfterSeconds seconds after creation at which the file expires, when {@code expires_after} was sent
 * @param content the bytes; the caller owns and closes the stream
 */
public record FileUploadRequest(
        String filename, String purpose, OptionalLong expiresAfterSeconds, InputStream content) {

    public FileUploadRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAfterSeconds, "expiresAfterSeconds");
        Objects.requireNonNull(content, "content");
    }

    /** An upload of {@code content}, held in memory, that does not expire. */
    public FileUploadRequest(String filename, String purpose, byte[] content) {
        this(filename, purpose, OptionalLong.empty(), new ByteArrayInputStream(content));
    }
}
