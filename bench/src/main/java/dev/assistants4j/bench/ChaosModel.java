package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.testkit.Reply;
import java.time.Duration;
import java.util.stream.IntStream;

/**
 * The chaos bench's model: a request that offers tools gets {@link CrashModel}'s answers (a call of {@code
 * get_weather}, then {@code "Done: " + the output}); any other gets {@link #TOKENS} 40 ms apart (about 0.8 s), so that
 * a kill often finds a streamed answer half written. Thread-safe (stateless).
 */
final class ChaosModel {

    static final String[] TOKENS =
            IntStream.range(0, 20).mapToObj(i -> "w" + i + " ").toArray(String[]::new);

    /** The whole text answer of a run without tools. */
    static final String TEXT_ANSWER = String.join("", TOKENS);

    private static final Duration BETWEEN_TOKENS = Duration.ofMillis(40);

    private ChaosModel() {}

    static Reply reply(JsonNode body) {
        if (body.path("tools").isArray() && !body.path("tools").isEmpty()) {
            return CrashModel.reply(body);
        }
        return Reply.text(TOKENS).delayBetweenTokens(BETWEEN_TOKENS);
    }
}
