package dev.assistants4j.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.Tool;
import dev.assistants4j.core.domain.ToolResources;
import java.util.List;
import java.util.Map;

/** A validated {@code POST /assistants/{id}} body: each field kept, cleared or set. */
public record AssistantModifyRequest(
        Patch<String> model,
        Patch<String> name,
        Patch<String> description,
        Patch<String> instructions,
        Patch<List<Tool>> tools,
        Patch<ToolResources> toolResources,
        Patch<Map<String, String>> metadata,
        Patch<Double> temperature,
        Patch<Double> topP,
        Patch<JsonNode> responseFormat,
        Patch<String> reasoningEffort) {}
