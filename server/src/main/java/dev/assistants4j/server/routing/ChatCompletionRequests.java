package dev.assistants4j.server.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI chat completions request body (already type-checked by the HTTP layer) as a {@link ChatRequest},
 * for routes whose upstream speaks another API: {@code system} and {@code developer} messages as instructions, user
 * text and {@code image_url} parts, assistant text and {@code tool_calls}, {@code tool} results; function tools, {@code
 * tool_choice}, {@code parallel_tool_calls}, sampling, the token limit ({@code max_completion_tokens}, else {@code
 * max_tokens}), {@code response_format} and {@code reasoning_effort}. Other fields ({@code stop}, {@code n}, {@code
 * logprobs}, …) are not passed on. Stateless.
 */
final class ChatCompletionRequests {

    private ChatCompletionRequests() {}

    /** The request, its model replaced by {@code upstreamModel}. */
    static ChatRequest read(JsonNode body, String upstreamModel) {
        List<ChatMessage> messages = new ArrayList<>();
        JsonNode list = body.path("messages");
        for (int i = 0; i < list.size(); i++) {
            messages.add(message(list.get(i), "messages[" + i + "]"));
        }
        List<FunctionDefinition> tools = new ArrayList<>();
        body.path("tools").forEach(tool -> tools.add(tool(tool.path("function"))));
        JsonNode limit = body.path("max_completion_tokens").isNumber()
                ? body.path("max_completion_tokens")
                : body.path("max_tokens");
        return new ChatRequest(
                upstreamModel,
                messages,
                tools,
                present(body.get("tool_choice")),
                body.path("parallel_tool_calls").isBoolean()
                        ? body.path("parallel_tool_calls").asBoolean()
                        : null,
                body.path("temperature").isNumber() ? body.path("temperature").asDouble() : null,
                body.path("top_p").isNumber() ? body.path("top_p").asDouble() : null,
                limit.isNumber() ? limit.asInt() : null,
                present(body.get("response_format")),
                body.path("reasoning_effort").textValue());
    }

    private static ChatMessage message(JsonNode message, String path) {
        JsonNode content = message.path("content");
        return switch (message.path("role").asText()) {
            case "system", "developer" -> new ChatMessage.System(text(content));
            case "user" -> new ChatMessage.User(parts(content, path));
            case "assistant" -> new ChatMessage.Assistant(text(content), toolCalls(message.path("tool_calls")));
            case "tool" ->
                new ChatMessage.ToolResult(message.path("tool_call_id").asText(""), text(content));
            default ->
                throw new InvalidRequestException(
                        "Invalid value for '" + path + ".role': expected system, developer, user, assistant or tool.",
                        path + ".role",
                        "invalid_value");
        };
    }

    private static List<ChatMessage.Part> parts(JsonNode content, String path) {
        List<ChatMessage.Part> parts = new ArrayList<>();
        if (content.isTextual()) {
            parts.add(new ChatMessage.Part.Text(content.textValue()));
            return parts;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" ->
                    parts.add(new ChatMessage.Part.Text(part.path("text").asText("")));
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    parts.add(new ChatMessage.Part.ImageUrl(
                            image.path("url").asText(""), image.path("detail").textValue()));
                }
                default ->
                    throw new InvalidRequestException(
                            "Only text and image_url content parts are supported for this model.",
                            path + ".content",
                            "invalid_value");
            }
        }
        return parts;
    }

    /** A string, or the text parts of an array joined; null for null. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }

    private static List<ChatMessage.ToolCall> toolCalls(JsonNode calls) {
        List<ChatMessage.ToolCall> result = new ArrayList<>();
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            result.add(new ChatMessage.ToolCall(
                    call.path("id").asText(),
                    function.path("name").asText(),
                    function.path("arguments").asText("")));
        }
        return result;
    }

    private static FunctionDefinition tool(JsonNode function) {
        return new FunctionDefinition(
                function.path("name").asText(),
                function.path("description").textValue(),
                present(function.get("parameters")),
                function.path("strict").asBoolean(false));
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
