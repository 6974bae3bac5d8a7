package dev.assistants4j.client;

import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.MessageDelta;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.RunStepDelta;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.model.ToolCallDelta;

/**
 * Callbacks for a streamed run, in the spirit of the Python SDK's {@code AssistantEventHandler}: override what you
 * need, every callback does nothing by default. The client builds snapshots from the deltas: {@code onTextDelta}
 * gets the text of the current content part so far, {@code onToolCallDelta} the tool call so far (arguments, code
 * input and outputs appended). Callbacks run on the thread reading the stream, one at a time, in event order; an
 * exception thrown by one ends the stream and reaches the caller.
 */
public interface AssistantEventHandler {

    /** Every event, first, before the callbacks below. */
    default void onEvent(StreamEvent event) {}

    /** {@code thread.run.created}. */
    default void onRunCreated(Run run) {}

    /** Every {@code thread.run.*} event, with the run as it is now. */
    default void onRunStatus(Run run) {}

    /** {@code thread.run.requires_action}: the run waits for the outputs of {@link Run#toolCallsToAnswer()}. */
    default void onRequiresAction(Run run) {}

    default void onRunStepCreated(RunStep step) {}

    /** A change to the current step; {@code snapshot} has its tool calls so far. */
    default void onRunStepDelta(RunStepDelta delta, RunStep snapshot) {}

    /** The step completed, failed, was cancelled or expired. */
    default void onRunStepDone(RunStep step) {}

    default void onMessageCreated(Message message) {}

    /** A change to the current message; {@code snapshot} has its content so far. */
    default void onMessageDelta(MessageDelta delta, Message snapshot) {}

    /** The message completed or is incomplete. */
    default void onMessageDone(Message message) {}

    /** A text content part started; {@code text} holds its first piece. */
    default void onTextCreated(Text text) {}

    /** Text appended to the current part; {@code snapshot} is the part's text so far. */
    default void onTextDelta(TextDelta delta, Text snapshot) {}

    /** The current text part is complete. */
    default void onTextDone(Text text) {}

    /** A tool call started (function, code_interpreter, file_search). */
    default void onToolCallCreated(ToolCall toolCall) {}

    /** A change to the current tool call; {@code snapshot} is the call so far. */
    default void onToolCallDelta(ToolCallDelta delta, ToolCall snapshot) {}

    /** The current tool call is complete (its step is done, or the run waits for its output). */
    default void onToolCallDone(ToolCall toolCall) {}

    /** The stream ended; {@code finalRun} is the run as the last run event left it. */
    default void onEnd(Run finalRun) {}

    /** The stream carried an {@code error} event; the call then throws {@code error}. */
    default void onError(ApiException error) {}
}
