package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How much of the thread goes into the prompt.
 *
 * @param type {@code auto} or {@code last_messages}
 * @param lastMessages with {@code last_messages}: how many of the newest messages to keep
 */
public record TruncationStrategy(
        String type,
        @JsonInclude(JsonInclude.Include.ALWAYS) Integer lastMessages) {

    public static final TruncationStrategy AUTO = new TruncationStrategy("auto", null);
}
