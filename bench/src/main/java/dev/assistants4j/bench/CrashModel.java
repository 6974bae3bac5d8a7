package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
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
}
