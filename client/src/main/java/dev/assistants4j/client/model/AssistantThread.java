package dev.assistants4j.client.model;

import java.util.Map;

/** A thread: the conversation messages are added to and runs read. */
public record AssistantThread(
        String id, String object, long createdAt, ToolResources toolResources, Map<String, String> metadata) {}
