package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A vector store: files chunked and embedded for file_search. */
public record VectorStore(
        String id,
        String object,
        long createdAt,
        String name,
        long usageBytes,
        FileCounts fileCounts,
        String status,
        JsonNode expiresAfter,
        Long expiresAt,
        Long lastActiveAt,
        Map<String, String> metadata) {}
