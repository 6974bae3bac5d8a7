package dev.assistants4j.client;

import java.util.Objects;

/**
 * One server-sent event of a streamed run: its name ({@code thread.message.delta}, {@code error}, …) and its data,
 * the JSON text of the object it carries.
 */
public record ServerSentEvent(String event, String data) {
    public ServerSentEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
