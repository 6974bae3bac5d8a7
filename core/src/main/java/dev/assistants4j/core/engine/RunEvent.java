package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.ErrorEnvelope;

/**
 * One event of a run, as its stream delivers it. Each variant is a plain immutable value that names what happened;
 * the wire name ({@code thread.run.created}, {@code thread.message.delta}, …) and the JSON data are given by
 * {@link RunEventWire} alone, where an exhaustive switch makes a new variant break the build until it has a wire
 * form. Where an object's status names the event ({@code thread.run.<status>}), the event carries the object only, so
 * the two cannot disagree. Components are never null. Producers create them on any thread; the values are safe to
 * share.
 */
public sealed interface RunEvent
        permits RunEvent.ThreadCreated,
                RunEvent.RunCreated,
                RunEvent.RunStatusChanged,
                RunEvent.StepCreated,
                RunEvent.StepStatusChanged,
                StepDelta,
                RunEvent.MessageCreated,
                RunEvent.MessageStatusChanged,
                MessageDelta,
                RunEvent.Error {

    /** The event's wire name, as {@link RunEventWire#name} gives it. */
    default String event() {
        return RunEventWire.name(this);
    }

    /** True when a stream following the run ends after this event (a terminal status, requires_action, an error). */
    default boolean closesStream() {
        return false;
    }

    /** {@code thread.created}: the thread of a create-thread-and-run request. */
    record ThreadCreated(AssistantThread thread) implements RunEvent {}

    /** {@code thread.run.created}. */
    record RunCreated(Run run) implements RunEvent {}

    /** {@code thread.run.<status>}: the run is now in {@code run.status()}. */
    record RunStatusChanged(Run run) implements RunEvent {
        @Override
        public boolean closesStream() {
            return run.status().terminal() || run.status() == RunStatus.REQUIRES_ACTION;
        }
    }

    /** {@code thread.run.step.created}. */
    record StepCreated(RunStep step) implements RunEvent {}

    /** {@code thread.run.step.<status>}: the step is now in {@code step.status()}. */
    record StepStatusChanged(RunStep step) implements RunEvent {}

    /** {@code thread.message.created}. */
    record MessageCreated(Message message) implements RunEvent {}

    /** {@code thread.message.<status>}: the message is now in {@code message.status()}. */
    record MessageStatusChanged(Message message) implements RunEvent {}

    /** {@code error}, which ends a stream; its data is the error's envelope. */
    record Error(ErrorEnvelope envelope) implements RunEvent {
        static Error of(AssistantsException error) {
            return new Error(ErrorEnvelope.of(error));
        }

        @Override
        public boolean closesStream() {
            return true;
        }
    }
}
