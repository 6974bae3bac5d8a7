package dev.assistants4j.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.Tool;
import dev.assistants4j.core.domain.ToolResources;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A validated {@code POST /assistants} body. Optional fields are null when absent. */
public record AssistantCreateRequest(
        String model,
        String name,
        String description,
        String instructions,
        List<Tool> tools,
        ToolResources toolResources,
        Map<String, String> metadata,
        Double temperature,
        Double topP,
        JsonNode responseFormat,
        String reasoningEffort) {

    public AssistantCreateRequest {
        Objects.requireNonNull(model, "model");
    }
}
