package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Vector stores searched by file_search (at most 1).
 *
 * @param newVectorStores stores a request asks to create ({@code vector_stores}); the services create them and put
 *     their ids in {@code vectorStoreIds}, so stored resources never have any
 */
public record FileSearchResources(
        List<String> vectorStoreIds, @JsonIgnore List<NewVectorStore> newVectorStores) {
    public FileSearchResources {
        vectorStoreIds = vectorStoreIds == null ? List.of() : List.copyOf(vectorStoreIds);
        newVectorStores = newVectorStores == null ? List.of() : List.copyOf(newVectorStores);
    }

    public FileSearchResources(List<String> vectorStoreIds) {
        this(vectorStoreIds, List.of());
    }
}
