package dev.assistants4j.server.http;

import dev.assistants4j.core.service.MessageCreateRequest;
import dev.assistants4j.core.service.ThreadCreateRequest;
import dev.assistants4j.core.service.ThreadModifyRequest;
import java.util.List;
import java.util.Set;

/** Reads thread create and modify bodies. */
final class ThreadRequests {

    static final int MAX_INITIAL_MESSAGES = 32;

    private ThreadRequests() {}

    static ThreadCreateRequest create(JsonObjectReader body) {
        body.allowOnly(Set.of("messages", "tool_resources", "metadata"));
        List<MessageCreateRequest> messages = body.array("messages", MAX_INITIAL_MESSAGES, MessageRequests::nested)
                .orElse(List.of());
        return new ThreadCreateRequest(
                messages,
                ToolReaders.toolResources(body, "tool_resources", 1).orElse(null),
                body.metadata("metadata").orElse(null));
    }

    static ThreadModifyRequest modify(JsonObjectReader body) {
        body.allowOnly(Set.of("tool_resources", "metadata"));
        return new ThreadModifyRequest(
                body.patch("tool_resources", name -> ToolReaders.toolResources(body, name, 1)),
                body.patch("metadata", body::metadata));
    }
}
