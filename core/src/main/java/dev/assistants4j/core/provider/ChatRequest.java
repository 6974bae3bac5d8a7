package dev.assistants4j.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import java.util.List;
import java.util.Objects;

/**
 * One call to a chat model.
 *
 * @param model the upstream model name (already routed)
 * @param tools functions the model may call; empty for none
 * @param toolChoice null (provider default), or an OpenAI-style value: "none", "auto", "required", or
 *     {@code {"type":"function","function":{"name"}}}
 * @param parallelToolCalls null for the provider default
 * @param maxCompletionTokens null for no limit
 * @param responseFormat null, or an OpenAI-style {@code {"type":"text"|"json_object"|"json_schema",…}}
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        List<FunctionDefinition> tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        Double temperature,
        Double topP,
        Integer maxCompletionTokens,
        JsonNode responseFormat,
        String reasoningEffort) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** A plain request: model and messages, provider defaults for the rest. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, List.of(), null, null, null, null, null, null, null);
    }
}
