package dev.assistants4j.client.model;

/** An uploaded file. */
public record FileObject(
        String id,
        String object,
        long bytes,
        long createdAt,
        String filename,
        String purpose,
        String status,
        String statusDetails) {}
