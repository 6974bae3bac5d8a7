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

    /** A message the caller adds to a thread (not written by a run): complete from {@code createdAt} on. */
    public static Message added(
            String id,
            long createdAt,
            String threadId,
            MessageRole role,
            List<MessageContent> content,
            List<Attachment> attachments,
            Map<String, String> metadata) {
        return new Message(
                id,
                createdAt,
                threadId,
                MessageStatus.COMPLETED,
                null,
                createdAt,
                null,
                role,
                content,
                null,
                null,
                attachments,
                metadata);
    }

    /** The assistant's message {@code run} starts writing at {@code createdAt}: in progress, no content yet. */
    public static Message inProgress(String id, long createdAt, Run run) {
        return new Message(
                id,
                createdAt,
                run.threadId(),
                MessageStatus.IN_PROGRESS,
                null,
                null,
                null,
                MessageRole.ASSISTANT,
                List.of(),
                run.assistantId(),
                run.id(),
                List.of(),
                Map.of());
    }

    @JsonProperty("object")
    public String object() {
        return "thread.message";
    }

    /** A copy ended {@code completed} at {@code now}. */
    public Message completed(long now) {
        return copy(MessageStatus.COMPLETED, null, now, null, content, metadata);
    }

    /** A copy ended {@code incomplete} at {@code now} for {@code reason} (e.g. {@code run_cancelled}), content kept. */
    public Message incomplete(String reason, long now) {
        return copy(MessageStatus.INCOMPLETE, new IncompleteDetails(reason), null, now, content, metadata);
    }

    /** A copy with other metadata. */
    public Message withMetadata(Map<String, String> newMetadata) {
        return copy(status, incompleteDetails, completedAt, incompleteAt, content, newMetadata);
    }

    /** A copy with other content (the text a run wrote, once it ends). */
    public Message withContent(List<MessageContent> newContent) {
        return copy(status, incompleteDetails, completedAt, incompleteAt, newContent, metadata);
    }

    private Message copy(
            MessageStatus newStatus,
            IncompleteDetails newIncompleteDetails,
            Long newCompletedAt,
            Long newIncompleteAt,
            List<MessageContent> newContent,
            Map<String, String> newMetadata) {
        return new Message(
                id,
                createdAt,
                threadId,
                newStatus,
                newIncompleteDetails,
                newCompletedAt,
                newIncompleteAt,
                role,
                newContent,
                assistantId,
                runId,
                attachments,
                newMetadata);
    }
}
