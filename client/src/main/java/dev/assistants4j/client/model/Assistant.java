package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An assistant: a model with instructions and tools. */
public record Assistant(
        String id,
        String object,
        long createdAt,
        String name,
        String description,
        String model,
        String instructions,
        List<Tool> tools,
        ToolResources toolResources,
        Map<String, String> metadata,
        Double temperature,
        Double topP,
        JsonNode responseFormat) {}
