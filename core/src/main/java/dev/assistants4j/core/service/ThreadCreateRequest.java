package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.ToolResources;
import java.util.List;
import java.util.Map;

/** A validated {@code POST /threads} body. */
public record ThreadCreateRequest(
        List<MessageCreateRequest> messages, ToolResources toolResources, Map<String, String> metadata) {

    public ThreadCreateRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** An empty thread. */
    public static ThreadCreateRequest empty() {
        return new ThreadCreateRequest(List.of(), null, null);
    }
}
