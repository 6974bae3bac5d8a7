package dev.assistants4j.server.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import java.util.Locale;

/**
 * The JSON of OpenAI's chat completions for one answer made from {@link ProviderEvent}s: chunks, the usage chunk, a
 * whole {@code chat.completion} and error bodies. Immutable.
 */
record CompletionJson(String id, long created, String model) {

    /** A {@code chat.completion.chunk} with one choice. */
    ObjectNode chunk(ObjectNode delta, FinishReason finishReason) {
        ObjectNode chunk = header("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs").put("finish_reason", finishReason == null ? null : wire(finishReason));
        return chunk;
    }

    static ObjectNode roleDelta() {
        return Json.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
    }

    static ObjectNode textDelta(String text) {
        return Json.MAPPER.createObjectNode().put("content", text);
    }

    /** A tool call fragment: the index, with the id, type and name on the call's first fragment. */
    static ObjectNode toolCallDelta(ProviderEvent.ToolCallDelta call) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        ObjectNode entry = delta.putArray("tool_calls").addObject().put("index", call.index());
        if (call.id() != null) {
            entry.put("id", call.id()).put("type", "function");
        }
        ObjectNode function = entry.putObject("function");
        if (call.name() != null) {
            function.put("name", call.name());
        }
        function.put("arguments", call.argumentsFragment());
        return delta;
    }

    /** The last chunk of {@code stream_options.include_usage}: no choices, the usage. */
    ObjectNode usageChunk(ProviderEvent.Usage usage) {
        ObjectNode chunk = header("chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage(usage));
        return chunk;
    }

    /** A whole {@code chat.completion}: the text (null without any), the tool calls, the finish reason, the usage. */
    ObjectNode completion(String text, ArrayNode toolCalls, FinishReason reason, ProviderEvent.Usage usage) {
        ObjectNode completion = header("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message =
                choice.putObject("message").put("role", "assistant").put("content", text);
        message.putNull("refusal");
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs").put("finish_reason", wire(reason));
        completion.set("usage", usage(usage));
        return completion;
    }

    /** OpenAI's error body for a provider failure; its status is {@link #status(ProviderException)}. */
    static ObjectNode error(ProviderException failure) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", failure.getMessage());
        String fallback = failure.status() >= 500 || failure.status() == 0 ? "server_error" : "invalid_request_error";
        error.put("type", failure.type().orElse(fallback)).putNull("param");
        error.put("code", failure.code().orElse(null));
        return root;
    }

    /** The status to answer a provider failure with: the upstream's, or 502 when there was no answer. */
    static int status(ProviderException failure) {
        return failure.status() == 0 ? 502 : failure.status();
    }

    private static String wire(FinishReason reason) {
        return reason == FinishReason.OTHER ? "stop" : reason.name().toLowerCase(Locale.ROOT);
    }

    private ObjectNode header(String object) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", id).put("object", object);
        return node.put("created", created).put("model", model).putNull("system_fingerprint");
    }

    private static ObjectNode usage(ProviderEvent.Usage usage) {
        ProviderEvent.Usage counted = usage == null ? new ProviderEvent.Usage(0, 0) : usage;
        return Json.MAPPER
                .createObjectNode()
                .put("prompt_tokens", counted.promptTokens())
                .put("completion_tokens", counted.completionTokens())
                .put("total_tokens", counted.promptTokens() + counted.completionTokens());
    }
}
