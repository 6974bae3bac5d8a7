package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A file in a vector store. Serialises to the wire shape of OpenAI's vector store file object.
 *
 * @param id the file's id
 * @param usageBytes what the file takes in the index once completed: the UTF-8 bytes of its chunks' text plus 4 bytes
 *     per embedding dimension per chunk; 0 until completed
 * @param createdAt Unix seconds
 * @param lastError why it failed ({@code server_error}, {@code unsupported_file} or {@code invalid_file}); else null
 * @param attributes up to 16 pairs; values are strings, numbers or booleans
 */
@JsonPropertyOrder({
    "id",
    "object",
    "usage_bytes",
    "created_at",
    "vector_store_id",
    "status",
    "last_error",
    "chunking_strategy",
    "attributes"
})
public record VectorStoreFile(
        String id,
        long usageBytes,
        long createdAt,
        String vectorStoreId,
        VectorStoreFileStatus status,
        LastError lastError,
        ChunkingStrategy chunkingStrategy,
        Map<String, Object> attributes) {

    public VectorStoreFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vectorStoreId, "vectorStoreId");
        Objects.requireNonNull(status, "status");
        chunkingStrategy = chunkingStrategy == null ? ChunkingStrategy.AUTO : chunkingStrategy;
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    @JsonProperty("object")
    public String object() {
        return "vector_store.file";
    }

    /** A file just added: in progress, no usage yet. */
    public static VectorStoreFile added(
            String fileId,
            String vectorStoreId,
            long createdAt,
            ChunkingStrategy strategy,
            Map<String, Object> attributes) {
        return new VectorStoreFile(
                fileId, 0, createdAt, vectorStoreId, VectorStoreFileStatus.IN_PROGRESS, null, strategy, attributes);
    }

    /** This file completed, using {@code usage} bytes. */
    public VectorStoreFile completed(long usage) {
        return new VectorStoreFile(
                id,
                usage,
                createdAt,
                vectorStoreId,
                VectorStoreFileStatus.COMPLETED,
                null,
                chunkingStrategy,
                attributes);
    }

    /** This file failed with {@code error}. */
    public VectorStoreFile failed(LastError error) {
        return new VectorStoreFile(
                id, 0, createdAt, vectorStoreId, VectorStoreFileStatus.FAILED, error, chunkingStrategy, attributes);
    }

    /** This file with other attributes. */
    public VectorStoreFile withAttributes(Map<String, Object> newAttributes) {
        return new VectorStoreFile(
                id, usageBytes, createdAt, vectorStoreId, status, lastError, chunkingStrategy, newAttributes);
    }
}
