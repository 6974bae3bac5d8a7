package dev.assistants4j.core.domain;

import java.util.List;

/** Vector stores searched by file_search (at most 1). */
public record FileSearchResources(List<String> vectorStoreIds) {
    public FileSearchResources {
        vectorStoreIds = vectorStoreIds == null ? List.of() : List.copyOf(vectorStoreIds);
    }
}
