package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.ChunkingStrategy;
import dev.assistants4j.core.domain.ExpiresAfter;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /vector_stores} body; nulls are fields left out.
 *
 * @param fileIds at most {@value VectorStoreService#MAX_CREATE_FILES} files to add, each with {@code chunkingStrategy}
 * @param chunkingStrategy null: auto
 */
public record VectorStoreCreateRequest(
        String name,
        String description,
        List<String> fileIds,
        ChunkingStrategy chunkingStrategy,
        ExpiresAfter expiresAfter,
        Map<String, String> metadata) {

    public VectorStoreCreateRequest {
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    }
}
