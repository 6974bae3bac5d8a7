package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * An uploaded file: its metadata only, the bytes live in a blob store under the file's id. Serialises to the wire
 * shape of OpenAI's file object; {@code status} and {@code status_details} are deprecated on the wire but still sent.
 *
 * @param bytes the size of the content
 * @param createdAt Unix seconds
 * @param expiresAt Unix seconds, or null when the file does not expire
 * @param filename the name the client gave, cleaned of control characters; never used as a path
 * @param status {@code processed} (the default), {@code uploaded} or {@code error}
 */
@JsonPropertyOrder({
    "id",
    "object",
    "bytes",
    "created_at",
    "expires_at",
    "filename",
    "purpose",
    "status",
    "status_details"
})
public record FileObject(
        String id,
        long bytes,
        long createdAt,
        Long expiresAt,
        String filename,
        String purpose,
        String status,
        String statusDetails) {

    /** The status of a file whose upload completed. */
    public static final String PROCESSED = "processed";

    public FileObject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(purpose, "purpose");
        status = status == null ? PROCESSED : status;
    }

    @JsonProperty("object")
    public String object() {
        return "file";
    }
}
