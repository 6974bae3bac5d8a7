package dev.assistants4j.server.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.error.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The chat completions of a {@code mock/…} route, made offline like LiteLLM's mock_response: the route's fixed text,
 * or one echoing the last user message, as one {@code chat.completion} or, for {@code "stream": true}, as
 * {@code chat.completion.chunk} events (one per word) ending with {@code data: [DONE]}. Stateless, thread-safe.
 */
final class MockChatCompletions {

    private static final String CHAT_ID_PREFIX = "chatcmpl-";

    private MockChatCompletions() {}

    /** The answer to {@code request} (whose {@code model} is the upstream name), or its 400 refusal. */
    static UpstreamResponse answer(ObjectNode request, String mockResponse, Clock clock) {
        JsonNode messages = request.path("messages");
        if (!request.has("messages")) {
            throw new InvalidRequestException(
                    "Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (!messages.isArray()) {
            throw new InvalidRequestException(
                    "Invalid type for 'messages': expected an array.", "messages", "invalid_type");
        }
        String text = mockResponse != null ? mockResponse : "This is a mock response to: " + lastUserText(messages);
        Completion completion = new Completion(
                Ids.next(CHAT_ID_PREFIX),
                clock.instant().getEpochSecond(),
                request.path("model").asText(),
                text,
                Math.max(1, messages.toString().length() / 4),
                text.split(" ").length);
        if (request.path("stream").asBoolean(false)) {
            boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
            return UpstreamResponse.of(200, "text/event-stream; charset=utf-8", Map.of(), completion.events(usage));
        }
        return UpstreamResponse.of(200, "application/json", Map.of(), bytes(completion.whole()));
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (message.path("role").asText().equals("user")) {
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    return content.textValue();
                }
                StringBuilder text = new StringBuilder();
                content.forEach(part -> text.append(part.path("text").asText("")));
                return text.toString();
            }
        }
        return "";
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One mock answer, rendered whole or as chunks. */
    private record Completion(
            String id, long created, String model, String text, int promptTokens, int completionTokens) {

        ObjectNode whole() {
            ObjectNode completion = header("chat.completion");
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
            choice.putObject("message")
                    .put("role", "assistant")
                    .put("content", text)
                    .putNull("refusal")
                    .putArray("annotations");
            choice.putNull("logprobs").put("finish_reason", "stop");
            completion.set("usage", usage());
            return completion;
        }

        /** The SSE body: a role chunk, a chunk per word, the finish chunk, the usage chunk if asked, then [DONE]. */
        byte[] events(boolean includeUsage) {
            ByteArrayOutputStream sse = new ByteArrayOutputStream();
            ObjectNode role =
                    Json.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
            write(sse, chunk(role.putNull("refusal"), null, includeUsage));
            for (String word : text.split("(?<= )")) {
                write(sse, chunk(Json.MAPPER.createObjectNode().put("content", word), null, includeUsage));
            }
            write(sse, chunk(Json.MAPPER.createObjectNode(), "stop", includeUsage));
            if (includeUsage) {
                ObjectNode usageChunk = header("chat.completion.chunk");
                usageChunk.putArray("choices");
                write(sse, usageChunk.set("usage", usage()));
            }
            sse.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            return sse.toByteArray();
        }

        private ObjectNode chunk(ObjectNode delta, String finishReason, boolean includeUsage) {
            ObjectNode chunk = header("chat.completion.chunk");
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs").put("finish_reason", finishReason);
            if (includeUsage) {
                chunk.putNull("usage");
            }
            return chunk;
        }

        private ObjectNode header(String object) {
            ObjectNode node = Json.MAPPER
                    .createObjectNode()
                    .put("id", id)
                    .put("object", object)
                    .put("created", created)
                    .put("model", model);
            return node.putNull("system_fingerprint");
        }

        private ObjectNode usage() {
            return Json.MAPPER
                    .createObjectNode()
                    .put("prompt_tokens", promptTokens)
                    .put("completion_tokens", completionTokens)
                    .put("total_tokens", promptTokens + completionTokens);
        }

        private static void write(ByteArrayOutputStream sse, JsonNode data) {
            sse.writeBytes(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
