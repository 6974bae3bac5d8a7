package dev.assistants4j.providers;

import java.util.List;
import java.util.Objects;

/** The credentials of a provider, to strip them out of any text that leaves it. Immutable, thread-safe. */
final class Secrets {

    /** Shorter values are not secrets worth hunting for, and replacing them would garble messages. */
    private static final int MIN_LENGTH = 6;

    private final List<String> values;

    Secrets(List<String> values) {
        this.values = values.stream()
                .filter(Objects::nonNull)
                .filter(value -> value.length() >= MIN_LENGTH)
                .toList();
    }

    /** The text with every secret replaced by {@code [redacted]}. */
    String redact(String text) {
        String result = text;
        for (String secret : values) {
            result = result.replace(secret, "[redacted]");
        }
        return result;
    }
}
