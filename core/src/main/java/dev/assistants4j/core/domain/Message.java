package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A message in a thread (OpenAI's {@code thread.message} object). Timestamps are Unix seconds. */
@JsonPropertyOrder({"id", "object", "created_at"})
public record Message(
        String id,
        long createdAt,
        String threadId,
        MessageStatus status,
        IncompleteDetails incompleteDetails,
        Long completedAt,
        Long incompleteAt,
        MessageRole role,
        List<MessageContent> content,
        String assistantId,
        String runId,
        List<Attachment> attachments,
        Map<String, String> metadata) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(role, "role");
        content = content == null ? List.of() : List.copyOf(content);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        metadata = Metadata.copyOf(metadata);
    }

    @JsonProperty("object")
    public String object() {
        return "thread.message";
    }

    /** A copy ended {@code incomplete} at {@code now} for {@code reason} (e.g. {@code run_cancelled}), content kept. */
    public Message incomplete(String reason, long now) {
        return new Message(
                id,
                createdAt,
                threadId,
                MessageStatus.INCOMPLETE,
                new IncompleteDetails(reason),
                null,
                now,
                role,
                content,
                assistantId,
                runId,
                attachments,
                metadata);
    }

    /** A copy with other metadata. */
    public Message withMetadata(Map<String, String> newMetadata) {
        return new Message(
                id,
                createdAt,
                threadId,
                status,
                incompleteDetails,
                completedAt,
                incompleteAt,
                role,
                content,
                assistantId,
                runId,
                attachments,
                newMetadata);
    }
}
