package dev.assistants4j.core.domain;

import java.util.Objects;

/** A text part: {@code {"type":"text","text":{"value","annotations"}}}. */
public record TextContent(Text text) implements MessageContent {
    public TextContent {
        Objects.requireNonNull(text, "text");
    }

    /** A plain text part with no annotations. */
    public static TextContent of(String value) {
        return new TextContent(new Text(value, java.util.List.of()));
    }
}
