package dev.assistants4j.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a run is created with and keeps for its whole life: the model and instructions, its tools and metadata, the
 * sampling settings, the token limits, the truncation strategy, the tool choice and the response format. Null
 * components are the ones the API leaves unset (no token limit, the default truncation, no reasoning effort).
 *
 * @param toolChoice "none", "auto", "required" or a {@code {"type":"function",…}} object
 * @param responseFormat "auto" or a {@code {"type":…}} object
 */
public record RunSettings(
        String model,
        String instructions,
        List<Tool> tools,
        Map<String, String> metadata,
        Double temperature,
        Double topP,
        Integer maxPromptTokens,
        Integer maxCompletionTokens,
        TruncationStrategy truncationStrategy,
        JsonNode toolChoice,
        boolean parallelToolCalls,
        JsonNode responseFormat,
        String reasoningEffort) {}
