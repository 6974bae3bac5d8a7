package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatRequest;

/**
 * Maps a {@link ChatRequest} to a streaming chat-completions request body. Null fields are left out; {@code
 * tool_choice} and {@code parallel_tool_calls} are only sent with tools, because OpenAI refuses them without. Stateless
 * and thread-safe.
 */
record ChatRequestMapper(ObjectMapper json, boolean useMaxTokensField, boolean includeStreamUsage) {

    ObjectNode map(ChatRequest request) {
        ObjectNode body = json.createObjectNode().put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.add(message(message));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
            if (isPresent(request.toolChoice())) {
                body.set("tool_choice", request.toolChoice());
            }
            if (request.parallelToolCalls() != null) {
                body.put("parallel_tool_calls", request.parallelToolCalls());
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.maxCompletionTokens() != null) {
            body.put(useMaxTokensField ? "max_tokens" : "max_completion_tokens", request.maxCompletionTokens());
        }
        // "auto" is the Assistants API's way of saying "no format"; chat completions would refuse it.
        if (isPresent(request.responseFormat())
                && !"auto".equals(request.responseFormat().asText())) {
            body.set("response_format", request.responseFormat());
        }
        if (request.reasoningEffort() != null) {
            body.put("reasoning_effort", request.reasoningEffort());
        }
        body.put("stream", true);
        if (includeStreamUsage) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private ObjectNode message(ChatMessage message) {
        ObjectNode node = json.createObjectNode();
        switch (message) {
            case ChatMessage.System system -> node.put("role", "system").put("content", orEmpty(system.content()));
            case ChatMessage.User user -> {
                node.put("role", "user");
                node.set("content", userContent(user));
            }
            case ChatMessage.Assistant assistant -> assistant(node, assistant);
            case ChatMessage.ToolResult result ->
                node.put("role", "tool")
                        .put("tool_call_id", result.toolCallId())
                        .put("content", orEmpty(result.content()));
        }
        return node;
    }

    /** A single text part is sent as a plain string, which every compatible server understands. */
    private JsonNode userContent(ChatMessage.User user) {
        if (user.content().isEmpty()) {
            return json.getNodeFactory().textNode("");
        }
        if (user.content().size() == 1 && user.content().getFirst() instanceof ChatMessage.Part.Text text) {
            return json.getNodeFactory().textNode(orEmpty(text.text()));
        }
        ArrayNode parts = json.createArrayNode();
        for (ChatMessage.Part part : user.content()) {
            switch (part) {
                case ChatMessage.Part.Text text ->
                    parts.addObject().put("type", "text").put("text", orEmpty(text.text()));
                case ChatMessage.Part.ImageUrl image -> {
                    ObjectNode imageUrl = parts.addObject()
                            .put("type", "image_url")
                            .putObject("image_url")
                            .put("url", image.url());
                    if (image.detail() != null) {
                        imageUrl.put("detail", image.detail());
                    }
                }
            }
        }
        return parts;
    }

    /** Content is null, not empty, when the model only called tools: OpenAI's own shape. */
    private void assistant(ObjectNode node, ChatMessage.Assistant assistant) {
        node.put("role", "assistant");
        boolean noText = assistant.content() == null || assistant.content().isEmpty();
        if (noText && !assistant.toolCalls().isEmpty()) {
            node.putNull("content");
        } else {
            node.put("content", orEmpty(assistant.content()));
        }
        if (!assistant.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ChatMessage.ToolCall call : assistant.toolCalls()) {
                ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
                String arguments = call.arguments() == null || call.arguments().isEmpty() ? "{}" : call.arguments();
                entry.putObject("function").put("name", call.name()).put("arguments", arguments);
            }
        }
    }

    private ObjectNode tool(FunctionDefinition function) {
        ObjectNode tool = json.createObjectNode().put("type", "function");
        ObjectNode definition = tool.putObject("function").put("name", function.name());
        if (function.description() != null) {
            definition.put("description", function.description());
        }
        if (function.parameters() != null && !function.parameters().isNull()) {
            definition.set("parameters", function.parameters());
        }
        if (function.strict()) {
            definition.put("strict", true);
        }
        return tool;
    }

    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
