package dev.assistants4j.core.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The wire shapes of a vector store search and of a vector store file's content. */
public final class VectorStorePages {

    private VectorStorePages() {}

    /** A piece of text: {@code {"type":"text","text":…}}. */
    @JsonPropertyOrder({"type", "text"})
    public record TextPart(String text) {
        @JsonProperty("type")
        public String type() {
            return "text";
        }
    }

    /** One search result: a chunk of a file. */
    @JsonPropertyOrder({"file_id", "filename", "score", "attributes", "content"})
    public record SearchResult(
            String fileId, String filename, double score, Map<String, Object> attributes, List<TextPart> content) {}

    /** A list that always fits on one page: no more to fetch, no next page. */
    public interface SinglePage {
        @JsonProperty("has_more")
        default boolean hasMore() {
            return false;
        }

        @JsonProperty("next_page")
        default String nextPage() {
            return null;
        }
    }

    /** {@code vector_store.search_results.page}: every result on one page. */
    @JsonPropertyOrder({"object", "search_query", "data", "has_more", "next_page"})
    public record SearchResults(List<String> searchQuery, List<SearchResult> data) implements SinglePage {
        @JsonProperty("object")
        public String object() {
            return "vector_store.search_results.page";
        }
    }

    /** {@code vector_store.file_content.page}: the file's chunks, in order, on one page. */
    @JsonPropertyOrder({"object", "data", "has_more", "next_page"})
    public record FileContent(List<TextPart> data) implements SinglePage {
        @JsonProperty("object")
        public String object() {
            return "vector_store.file_content.page";
        }
    }
}
