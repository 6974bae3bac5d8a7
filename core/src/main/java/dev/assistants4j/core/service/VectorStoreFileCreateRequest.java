package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.ChunkingStrategy;
import java.util.Map;
import java.util.Objects;

/**
 * One file to add to a vector store: a {@code POST /vector_stores/{id}/files} body or an item of a batch.
 *
 * @param chunkingStrategy null: auto
 * @param attributes null: none
 */
public record VectorStoreFileCreateRequest(
        String fileId, ChunkingStrategy chunkingStrategy, Map<String, Object> attributes) {

    public VectorStoreFileCreateRequest {
        Objects.requireNonNull(fileId, "fileId");
    }
}
