package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The crash bench's model, a {@link dev.assistants4j.testkit.FakeUpstream#defaultReply(java.util.function.Function)
 * default reply} computed from each chat request: when the last message is a tool result it answers the text {@code
 * "Done: " + that result}, otherwise one call of {@code get_weather}. A random delay of 0–50 ms before the first token
 * widens the windows in which a kill finds a run in its model call. Thread-safe (stateless).
 */
final class CrashModel {

    static final String FUNCTION = "get_weather";
    static final String ANSWER_PREFIX = "Done: ";

    private static final int MAX_DELAY_MILLIS = 50;

    private CrashModel() {}

    /** The reply to a chat request with this body. */
    static Reply reply(JsonNode body) {
        JsonNode messages = body.path("messages");
        JsonNode last = messages.path(messages.size() - 1);
        Duration delay = Duration.ofMillis(ThreadLocalRandom.current().nextInt(MAX_DELAY_MILLIS + 1));
        if (last.path("role").asText().equals("tool")) {
            return Reply.text(ANSWER_PREFIX, text(last.path("content"))).delayBeforeFirstToken(delay);
        }
        return Reply.toolCalls(ToolCall.of(FUNCTION, "{\"city\":\"Paris\"}")).delayBeforeFirstToken(delay);
    }

    /** A message content as text: a string, or the text parts of an array of parts. */
    private static String text(JsonNode content) {
        if (!content.isArray()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }

    /**
     * Creates an assistant of {@code model} through {@code http}, with the {@link #FUNCTION} tool when {@code
     * withFunction}; returns its id.
     */
    static String createAssistant(CrashHttp http, String model, boolean withFunction)
            throws IOException, InterruptedException {
        ObjectNode body = CrashHttp.JSON.createObjectNode().put("model", model).put("instructions", "Be brief.");
        if (withFunction) {
            ObjectNode function =
                    body.putArray("tools").addObject().put("type", "function").putObject("function");
            function.put("name", FUNCTION).put("description", "The weather in a city.");
            ObjectNode parameters = function.putObject("parameters").put("type", "object");
            parameters.putObject("properties").putObject("city").put("type", "string");
            parameters.putArray("required").add("city");
        }
        CrashHttp.Answer answer = http.post("/v1/assistants", body);
        if (!answer.ok()) {
            throw new IllegalStateException("could not create the assistant: " + answer.describe());
        }
        return answer.body().path("id").asText();
    }
}
