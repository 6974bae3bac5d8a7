package dev.assistants4j.core.domain;

import java.util.List;
import java.util.Map;

/**
 * A vector store to create with an assistant or a thread ({@code tool_resources.file_search.vector_stores}): the
 * service creates it and keeps only its id.
 *
 * @param chunkingStrategy null: auto
 */
public record NewVectorStore(List<String> fileIds, ChunkingStrategy chunkingStrategy, Map<String, String> metadata) {
    public NewVectorStore {
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
        metadata = Metadata.copyOf(metadata);
    }
}
