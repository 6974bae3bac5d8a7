package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/**
 * A vector store: a named set of files, chunked and embedded for file_search. Serialises to the wire shape of
 * OpenAI's vector store object. {@code usage_bytes}, {@code file_counts} and {@code status} are derived from its files
 * (see {@link #withFiles}); {@code expires_at} and the {@code expired} status from the expiry policy (see {@link
 * #at}).
 *
 * @param createdAt Unix seconds
 * @param usageBytes the sum of its files' {@code usage_bytes}
 * @param expiresAfter null when it never expires
 * @param expiresAt Unix seconds: {@code last_active_at} plus the policy's days; null without a policy
 * @param lastActiveAt Unix seconds of the last create, modify, file change or search
 */
@JsonPropertyOrder({
    "id",
    "object",
    "created_at",
    "name",
    "description",
    "usage_bytes",
    "file_counts",
    "status",
    "expires_after",
    "expires_at",
    "last_active_at",
    "metadata"
})
public record VectorStore(
        String id,
        long createdAt,
        String name,
        String description,
        long usageBytes,
        FileCounts fileCounts,
        VectorStoreStatus status,
        ExpiresAfter expiresAfter,
        Long expiresAt,
        long lastActiveAt,
        Map<String, String> metadata) {

    private static final long SECONDS_PER_DAY = 86_400;

    public VectorStore {
        Objects.requireNonNull(id, "id");
        fileCounts = fileCounts == null ? FileCounts.NONE : fileCounts;
        status = status == null ? VectorStoreStatus.COMPLETED : status;
        metadata = Metadata.copyOf(metadata);
    }

    @JsonProperty("object")
    public String object() {
        return "vector_store";
    }

    /** This store with the usage and counts of its files, and the status they imply (see {@link #at} for expiry). */
    public VectorStore withFiles(long usage, FileCounts counts) {
        VectorStoreStatus derived =
                counts.inProgress() > 0 ? VectorStoreStatus.IN_PROGRESS : VectorStoreStatus.COMPLETED;
        return new VectorStore(
                id,
                createdAt,
                name,
                description,
                usage,
                counts,
                derived,
                expiresAfter,
                expiresAt,
                lastActiveAt,
                metadata);
    }

    /** This store as seen at {@code now} (Unix seconds): its {@code expires_at}, and {@code expired} once past it. */
    public VectorStore at(long now) {
        Long expiry = expiresAfter == null ? null : lastActiveAt + expiresAfter.days() * SECONDS_PER_DAY;
        VectorStoreStatus shown = expiry != null && expiry <= now
                ? VectorStoreStatus.EXPIRED
                : fileCounts.inProgress() > 0 ? VectorStoreStatus.IN_PROGRESS : VectorStoreStatus.COMPLETED;
        return new VectorStore(
                id,
                createdAt,
                name,
                description,
                usageBytes,
                fileCounts,
                shown,
                expiresAfter,
                expiry,
                lastActiveAt,
                metadata);
    }

    /** True when {@link #at} found it expired. */
    public boolean expired() {
        return status == VectorStoreStatus.EXPIRED;
    }
}
