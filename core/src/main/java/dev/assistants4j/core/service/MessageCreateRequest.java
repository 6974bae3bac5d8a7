package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.MessageContent;
import dev.assistants4j.core.domain.MessageRole;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A validated message to add to a thread (create message, or a message of create thread). */
public record MessageCreateRequest(
        MessageRole role, List<MessageContent> content, List<Attachment> attachments, Map<String, String> metadata) {

    public MessageCreateRequest {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
