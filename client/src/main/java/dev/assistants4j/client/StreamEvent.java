package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.client.model.AssistantThread;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.MessageDelta;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.RunStepDelta;

/**
 * One event of a streamed run, typed by its name: {@link #event()} is the wire name ({@code thread.run.created},
 * {@code thread.message.delta}, …) and the record holds the object it carries. Events of names this client does not
 * know arrive as {@link UnknownEvent}. Immutable.
 */
public sealed interface StreamEvent {

    /** The event's wire name. */
    String event();

    /** {@code thread.created} (create thread and run). */
    record ThreadEvent(String event, AssistantThread thread) implements StreamEvent {}

    /** {@code thread.run.*}: the run as it is now ({@code created}, {@code in_progress}, {@code completed}, …). */
    record RunEvent(String event, Run run) implements StreamEvent {}

    /** {@code thread.run.step.*} but the delta: the step as it is now. */
    record RunStepEvent(String event, RunStep step) implements StreamEvent {}

    /** {@code thread.run.step.delta}: a change to a step's tool calls. */
    record RunStepDeltaEvent(String event, RunStepDelta delta) implements StreamEvent {}

    /** {@code thread.message.*} but the delta: the message as it is now. */
    record MessageEvent(String event, Message message) implements StreamEvent {}

    /** {@code thread.message.delta}: text appended to a message. */
    record MessageDeltaEvent(String event, MessageDelta delta) implements StreamEvent {}

    /**
     * {@code error}: the server failed the stream; {@code error} is OpenAI's error object
     * ({@code message}, {@code type}, {@code code}, {@code param}).
     */
    record ErrorEvent(String event, JsonNode error) implements StreamEvent {

        /** The error as the exception the client throws for it (an {@link InternalServerException}). */
        public ApiException exception() {
            ObjectNode envelope = Wire.object();
            envelope.set("error", error);
            return ApiException.of(500, envelope);
        }
    }

    /** An event of a name this client does not know, with its data (JSON, or a text node when not JSON). */
    record UnknownEvent(String event, JsonNode data) implements StreamEvent {}
}
