package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A chunk a vector store search found: its file, score, attributes and text parts. */
public record VectorStoreSearchResult(
        String fileId, String filename, double score, JsonNode attributes, List<Content> content) {

    /** A part of the chunk ({@code type} {@code text}). */
    public record Content(String type, String text) {}
}
