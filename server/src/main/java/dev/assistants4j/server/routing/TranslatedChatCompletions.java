package dev.assistants4j.server.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.provider.FinishReason;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenAI's chat completions for a route whose upstream speaks another API (Anthropic's Messages API, Gemini's generateContent): the request is
 * read as a {@link dev.assistants4j.core.provider.ChatRequest} ({@link ChatCompletionRequests}), sent through the
 * route's {@link LlmProvider}, and its events answered as one {@code chat.completion} or, for {@code "stream": true},
 * as {@code chat.completion.chunk}s ({@link CompletionChunks}). A provider failure before the first event is an
 * OpenAI error with the upstream's status (502 when there was no answer). Stateless.
 */
final class TranslatedChatCompletions {

    private TranslatedChatCompletions() {}

    /** The answer to {@code request} (its {@code model} already the upstream name). */
    static UpstreamResponse answer(ObjectNode request, LlmProvider provider, Clock clock) {
        String model = request.path("model").asText();
        CompletionJson json =
                new CompletionJson(Ids.next("chatcmpl-"), clock.instant().getEpochSecond(), model);
        ProviderStream events;
        try {
            events = provider.stream(ChatCompletionRequests.read(request, model));
        } catch (ProviderException e) {
            return UpstreamResponse.of(
                    CompletionJson.status(e), "application/json", Map.of(), bytes(CompletionJson.error(e)));
        }
        if (request.path("stream").asBoolean(false)) {
            boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
            return new UpstreamResponse(
                    200, "text/event-stream; charset=utf-8", Map.of(), new CompletionChunks(events, json, usage));
        }
        try (events) {
            return UpstreamResponse.of(200, "application/json", Map.of(), bytes(whole(events, json)));
        } catch (ProviderException e) {
            return UpstreamResponse.of(
                    CompletionJson.status(e), "application/json", Map.of(), bytes(CompletionJson.error(e)));
        }
    }

    /** Reads every event into one completion. */
    private static ObjectNode whole(ProviderStream events, CompletionJson json) {
        StringBuilder text = new StringBuilder();
        Map<Integer, ObjectNode> calls = new TreeMap<>();
        FinishReason reason = FinishReason.OTHER;
        ProviderEvent.Usage usage = null;
        while (events.hasNext()) {
            switch (events.next()) {
                case ProviderEvent.TextDelta delta -> text.append(delta.text());
                case ProviderEvent.ToolCallDelta delta -> merge(calls, delta);
                case ProviderEvent.Usage reported -> usage = reported;
                case ProviderEvent.Finished finished -> reason = finished.reason();
            }
        }
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        calls.values().forEach(toolCalls::add);
        return json.completion(text.isEmpty() ? null : text.toString(), toolCalls, reason, usage);
    }

    private static void merge(Map<Integer, ObjectNode> calls, ProviderEvent.ToolCallDelta delta) {
        ObjectNode call = calls.computeIfAbsent(delta.index(), index -> {
            ObjectNode created = Json.MAPPER.createObjectNode().put("id", "").put("type", "function");
            created.putObject("function").put("name", "").put("arguments", "");
            return created;
        });
        if (delta.id() != null) {
            call.put("id", delta.id());
        }
        ObjectNode function = (ObjectNode) call.get("function");
        if (delta.name() != null) {
            function.put("name", delta.name());
        }
        function.put("arguments", function.path("arguments").asText() + delta.argumentsFragment());
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
