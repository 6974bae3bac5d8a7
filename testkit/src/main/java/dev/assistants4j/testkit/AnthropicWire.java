package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds the JSON of Anthropic's Messages API for one answer: the stream's events ({@code message_start}, {@code
 * content_block_*}, {@code message_delta}, {@code message_stop}, {@code ping}, {@code error}), a whole {@code message},
 * and error bodies. A scripted finish reason in OpenAI's words is sent in Anthropic's ({@code stop} as {@code
 * end_turn}, {@code tool_calls} as {@code tool_use}, {@code length} as {@code max_tokens}, {@code content_filter} as
 * {@code refusal}); any other is sent as it is. Stateless but for the answer's id and model; thread-safe.
 */
record AnthropicWire(String id, String model) {

    static ObjectNode object(String type) {
        return WireJson.MAPPER.createObjectNode().put("type", type);
    }

    ObjectNode messageStart(int inputTokens) {
        ObjectNode event = object("message_start");
        ObjectNode message = message(event.putObject("message"));
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", usage(inputTokens, 1));
        return event;
    }

    static ObjectNode textStart(int index) {
        ObjectNode event = object("content_block_start").put("index", index);
        event.putObject("content_block").put("type", "text").put("text", "");
        return event;
    }

    static ObjectNode textDelta(int index, String text) {
        ObjectNode event = object("content_block_delta").put("index", index);
        event.putObject("delta").put("type", "text_delta").put("text", text);
        return event;
    }

    /** A tool_use block's start: id, name and an empty input, which {@code input_json_delta}s then fill. */
    static ObjectNode toolUseStart(int index, ToolCall call) {
        ObjectNode event = object("content_block_start").put("index", index);
        ObjectNode block = event.putObject("content_block").put("type", "tool_use");
        block.put("id", call.id()).put("name", call.name()).putObject("input");
        return event;
    }

    static ObjectNode inputJsonDelta(int index, String fragment) {
        ObjectNode event = object("content_block_delta").put("index", index);
        event.putObject("delta").put("type", "input_json_delta").put("partial_json", fragment);
        return event;
    }

    static ObjectNode blockStop(int index) {
        return object("content_block_stop").put("index", index);
    }

    static ObjectNode messageDelta(String stopReason, int outputTokens) {
        ObjectNode event = object("message_delta");
        event.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        event.putObject("usage").put("output_tokens", outputTokens);
        return event;
    }

    /** A whole non-streamed {@code message}. */
    ObjectNode message(Reply.Completion reply, Reply.Usage usage) {
        ObjectNode message = message(WireJson.MAPPER.createObjectNode());
        ArrayNode content = message.putArray("content");
        if (!reply.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.text());
        }
        for (ToolCall call : reply.toolCalls()) {
            ObjectNode block = content.addObject().put("type", "tool_use");
            block.put("id", call.id()).put("name", call.name()).set("input", input(call.arguments()));
        }
        message.put("stop_reason", stopReason(reply.effectiveFinishReason())).putNull("stop_sequence");
        message.set("usage", usage(usage.promptTokens(), usage.completionTokens()));
        return message;
    }

    /** {@code {"type":"error","error":{"type","message"}}}. */
    static ObjectNode error(String type, String message) {
        ObjectNode root = object("error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /** The error type Anthropic answers {@code status} with. */
    static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "stop" -> "end_turn";
            case "tool_calls" -> "tool_use";
            case "length" -> "max_tokens";
            case "content_filter" -> "refusal";
            default -> finishReason;
        };
    }

    private ObjectNode message(ObjectNode node) {
        node.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        node.putArray("content");
        return node;
    }

    private static ObjectNode usage(int inputTokens, int outputTokens) {
        return WireJson.MAPPER
                .createObjectNode()
                .put("input_tokens", inputTokens)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", outputTokens);
    }

    /** The arguments as a JSON value; text that is not JSON as a string, so the fake never fails on a script. */
    private static JsonNode input(String arguments) {
        try {
            return WireJson.MAPPER.readTree(arguments);
        } catch (IOException e) {
            return WireJson.MAPPER.getNodeFactory().textNode(arguments);
        }
    }
}
