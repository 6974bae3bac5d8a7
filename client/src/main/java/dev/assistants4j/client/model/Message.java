package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A message of a thread, from the user or the assistant. */
public record Message(
        String id,
        String object,
        long createdAt,
        String threadId,
        String status,
        JsonNode incompleteDetails,
        Long completedAt,
        Long incompleteAt,
        String role,
        List<MessageContent> content,
        String assistantId,
        String runId,
        List<Attachment> attachments,
        Map<String, String> metadata) {

    public Message {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** The text of the message: its text parts' values, joined by newlines. */
    public String text() {
        return content.stream()
                .filter(MessageContent.TextContent.class::isInstance)
                .map(part -> ((MessageContent.TextContent) part).text().value())
                .collect(Collectors.joining("\n"));
    }

    /** This message with other content (a snapshot built from streamed deltas). */
    public Message withContent(List<MessageContent> newContent) {
        return new Message(
                id,
                object,
                createdAt,
                threadId,
                status,
                incompleteDetails,
                completedAt,
                incompleteAt,
                role,
                newContent,
                assistantId,
                runId,
                attachments,
                metadata);
    }
}
