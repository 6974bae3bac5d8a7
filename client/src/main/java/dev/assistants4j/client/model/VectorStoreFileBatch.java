package dev.assistants4j.client.model;

/** A batch of files added to a vector store together; {@code status} stays {@code in_progress} until all are done. */
public record VectorStoreFileBatch(
        String id, String object, long createdAt, String vectorStoreId, String status, FileCounts fileCounts) {}
