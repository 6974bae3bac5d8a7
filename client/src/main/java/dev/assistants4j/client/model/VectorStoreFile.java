package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A file in a vector store, with the state of its indexing. */
public record VectorStoreFile(
        String id,
        String object,
        long usageBytes,
        long createdAt,
        String vectorStoreId,
        String status,
        LastError lastError,
        JsonNode chunkingStrategy,
        JsonNode attributes) {}
