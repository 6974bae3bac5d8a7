package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.ProviderException;

/**
 * Maps a {@link ChatRequest} to a streaming Anthropic Messages request body ({@link AnthropicMessages} does the
 * prompt). {@code max_tokens}, which Anthropic requires, is the request's limit, else {@link
 * AnthropicMaxTokens#defaultFor the model's default}. Temperature is capped at 1 (Anthropic's maximum; OpenAI's is 2);
 * a {@code top_p} of 1 (no effect, and the Assistants API's default) is left out, because recent models refuse {@code
 * temperature} and {@code top_p} together. Tools become Anthropic tool definitions, OpenAI's {@code tool_choice} and
 * {@code parallel_tool_calls: false} Anthropic's {@code tool_choice}; {@code reasoning_effort} is not sent. A {@code
 * response_format} of {@code json_object} or {@code json_schema} is refused with a 400: Anthropic has no such
 * parameter, and imitating it with instructions and a prefilled answer would not keep the promise. Stateless,
 * thread-safe.
 */
record AnthropicRequestMapper(ObjectMapper json) {

    ObjectNode map(ChatRequest request) {
        refuseResponseFormat(request.responseFormat());
        AnthropicMessages prompt = new AnthropicMessages(json);
        ObjectNode body = json.createObjectNode().put("model", request.model());
        body.put("max_tokens", maxTokens(request));
        String system = prompt.system(request.messages());
        if (system != null) {
            body.put("system", system);
        }
        body.set("messages", prompt.messages(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
            ObjectNode choice = toolChoice(request.toolChoice(), request.parallelToolCalls());
            if (choice != null) {
                body.set("tool_choice", choice);
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", Math.min(1.0, request.temperature()));
        }
        if (request.topP() != null && request.topP() < 1.0) {
            body.put("top_p", request.topP());
        }
        body.put("stream", true);
        return body;
    }

    private static int maxTokens(ChatRequest request) {
        Integer limit = request.maxCompletionTokens();
        return limit != null && limit > 0 ? limit : AnthropicMaxTokens.defaultFor(request.model());
    }

    private ObjectNode tool(FunctionDefinition function) {
        ObjectNode tool = json.createObjectNode().put("name", function.name());
        if (function.description() != null) {
            tool.put("description", function.description());
        }
        JsonNode parameters = function.parameters();
        if (parameters != null && parameters.isObject()) {
            tool.set("input_schema", parameters);
        } else {
            tool.putObject("input_schema").put("type", "object").putObject("properties");
        }
        return tool;
    }

    /**
     * OpenAI's {@code auto}, {@code required}, {@code none} and {@code {"type":"function","function":{"name"}}} as
     * Anthropic's {@code auto}, {@code any}, {@code none} and {@code {"type":"tool","name"}}; null to send none.
     */
    private ObjectNode toolChoice(JsonNode choice, Boolean parallelToolCalls) {
        String type = "auto";
        String name = null;
        if (choice != null && choice.isTextual()) {
            type = switch (choice.textValue()) {
                case "required" -> "any";
                case "none" -> "none";
                default -> "auto";
            };
        } else if (choice != null && choice.isObject()) {
            name = choice.path("function").path("name").textValue();
            type = name == null ? "auto" : "tool";
        }
        boolean sequential = Boolean.FALSE.equals(parallelToolCalls) && !type.equals("none");
        boolean given = choice != null && !choice.isNull() && !choice.isMissingNode();
        if (!given && !sequential) {
            return null;
        }
        ObjectNode node = json.createObjectNode().put("type", type);
        if (name != null) {
            node.put("name", name);
        }
        if (sequential) {
            node.put("disable_parallel_tool_use", true);
        }
        return node;
    }

    /** {@code auto} and {@code text} ask for nothing; the JSON formats cannot be kept. */
    private static void refuseResponseFormat(JsonNode format) {
        if (format == null || format.isNull() || format.isMissingNode()) {
            return;
        }
        String type =
                format.isTextual() ? format.textValue() : format.path("type").asText("text");
        if (type.equals("auto") || type.equals("text")) {
            return;
        }
        throw new ProviderException(
                "response_format " + type + " is not supported for anthropic/ models: the Anthropic Messages API has"
                        + " no JSON mode. Leave response_format out (or set it to auto or text), or route the model"
                        + " to a provider with structured outputs.",
                400,
                false,
                null,
                "unsupported_response_format",
                "invalid_request_error");
    }
}
