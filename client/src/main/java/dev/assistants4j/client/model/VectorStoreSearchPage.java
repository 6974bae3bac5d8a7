package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The answer to a vector store search: the query as searched and the chunks found, best first. */
public record VectorStoreSearchPage(
        String object, JsonNode searchQuery, List<VectorStoreSearchResult> data, boolean hasMore, String nextPage) {
    public VectorStoreSearchPage {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
