package dev.assistants4j.core.engine;

import dev.assistants4j.core.error.AssistantsException;
import java.util.Objects;

/**
 * One server-sent event of a run: its name ({@code thread.run.created}, {@code thread.message.delta}, …) and the
 * object sent as its data.
 *
 * @param closesStream true when a stream following the run ends after this event (a terminal status or
 *     {@code requires_action})
 */
public record RunEvent(String event, Object data, boolean closesStream) {

    public RunEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    static RunEvent of(String event, Object data) {
        return new RunEvent(event, data, false);
    }

    /** An {@code error} event, which ends a stream; the server sends {@code error}'s envelope as its data. */
    static RunEvent error(AssistantsException error) {
        return new RunEvent("error", error, true);
    }
}
