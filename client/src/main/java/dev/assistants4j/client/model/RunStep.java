package dev.assistants4j.client.model;

import java.util.Map;

/** A step of a run: a message created, or tools called. */
public record RunStep(
        String id,
        String object,
        long createdAt,
        String assistantId,
        String threadId,
        String runId,
        String type,
        String status,
        StepDetails stepDetails,
        LastError lastError,
        Long expiredAt,
        Long cancelledAt,
        Long failedAt,
        Long completedAt,
        Map<String, String> metadata,
        Usage usage) {}
