package dev.assistants4j.client;

import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.MessageContent;
import dev.assistants4j.client.model.MessageDelta;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.RunStepDelta;
import dev.assistants4j.client.model.StepDetails;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.model.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calls an {@link AssistantEventHandler} for each event of one stream, keeping the snapshots its callbacks receive:
 * the current message with its content parts, the current step with its tool calls. Confined to the thread reading
 * the stream.
 */
final class HandlerDispatcher {

    private static final Set<String> STEP_DONE = Set.of(
            "thread.run.step.completed",
            "thread.run.step.failed",
            "thread.run.step.cancelled",
            "thread.run.step.expired");
    private static final Set<String> MESSAGE_DONE = Set.of("thread.message.completed", "thread.message.incomplete");

    private final AssistantEventHandler handler;
    private Message message;
    private final TreeMap<Integer, MessageContent> parts = new TreeMap<>();
    private int partIndex = -1;
    private RunStep step;
    private final TreeMap<Integer, ToolCall> toolCalls = new TreeMap<>();
    private int toolCallIndex = -1;
    private boolean toolCallDone = true;

    HandlerDispatcher(AssistantEventHandler handler) {
        this.handler = handler;
    }

    void dispatch(StreamEvent event) {
        handler.onEvent(event);
        switch (event) {
            case StreamEvent.RunEvent run -> run(run);
            case StreamEvent.RunStepEvent stepEvent -> step(stepEvent);
            case StreamEvent.RunStepDeltaEvent delta -> stepDelta(delta.delta());
            case StreamEvent.MessageEvent messageEvent -> message(messageEvent);
            case StreamEvent.MessageDeltaEvent delta -> messageDelta(delta.delta());
            case StreamEvent.ErrorEvent error -> handler.onError(error.exception());
            case StreamEvent.ThreadEvent thread -> {}
            case StreamEvent.UnknownEvent unknown -> {}
        }
    }

    private void run(StreamEvent.RunEvent event) {
        if (event.event().equals("thread.run.created")) {
            handler.onRunCreated(event.run());
        }
        handler.onRunStatus(event.run());
        RunStatus status = event.run().status();
        if (status == RunStatus.REQUIRES_ACTION || status.terminal()) {
            toolCallDone(null);
        }
        if (status == RunStatus.REQUIRES_ACTION) {
            handler.onRequiresAction(event.run());
        }
    }

    private void step(StreamEvent.RunStepEvent event) {
        if (event.event().equals("thread.run.step.created")) {
            step = event.step();
            toolCalls.clear();
            toolCallIndex = -1;
            toolCallDone = true;
            handler.onRunStepCreated(step);
        } else if (STEP_DONE.contains(event.event())) {
            step = event.step();
            toolCallDone(finalToolCall(event.step()));
            handler.onRunStepDone(step);
        }
    }

    /** The completed step's version of the current tool call (with its output), when the step has it. */
    private ToolCall finalToolCall(RunStep done) {
        if (done.stepDetails() instanceof StepDetails.ToolCalls calls
                && toolCallIndex >= 0
                && toolCallIndex < calls.toolCalls().size()) {
            return calls.toolCalls().get(toolCallIndex);
        }
        return null;
    }

    private void stepDelta(RunStepDelta delta) {
        for (ToolCallDelta piece : delta.toolCalls()) {
            if (piece.index() != toolCallIndex) {
                toolCallDone(null);
                toolCallIndex = piece.index();
                toolCallDone = false;
                toolCalls.put(piece.index(), Snapshots.apply(null, piece));
                handler.onToolCallCreated(toolCalls.get(piece.index()));
            } else {
                toolCalls.put(piece.index(), Snapshots.apply(toolCalls.get(piece.index()), piece));
            }
            handler.onToolCallDelta(piece, toolCalls.get(piece.index()));
        }
        handler.onRunStepDelta(delta, stepSnapshot());
    }

    private RunStep stepSnapshot() {
        if (step == null || toolCalls.isEmpty()) {
            return step;
        }
        return new RunStep(
                step.id(),
                step.object(),
                step.createdAt(),
                step.assistantId(),
                step.threadId(),
                step.runId(),
                step.type(),
                step.status(),
                new StepDetails.ToolCalls(new ArrayList<>(toolCalls.values())),
                step.lastError(),
                step.expiredAt(),
                step.cancelledAt(),
                step.failedAt(),
                step.completedAt(),
                step.metadata(),
                step.usage());
    }

    /** Ends the current tool call, once: with {@code finalVersion} when given, else with its snapshot. */
    private void toolCallDone(ToolCall finalVersion) {
        if (!toolCallDone && toolCallIndex >= 0) {
            toolCallDone = true;
            handler.onToolCallDone(finalVersion != null ? finalVersion : toolCalls.get(toolCallIndex));
        }
    }

    private void message(StreamEvent.MessageEvent event) {
        if (event.event().equals("thread.message.created")) {
            message = event.message();
            parts.clear();
            partIndex = -1;
            handler.onMessageCreated(message);
        } else if (MESSAGE_DONE.contains(event.event())) {
            message = event.message();
            List<MessageContent> content = message.content();
            textDone(partIndex >= 0 && partIndex < content.size() ? content.get(partIndex) : parts.get(partIndex));
            partIndex = -1;
            handler.onMessageDone(message);
        }
    }

    private void messageDelta(MessageDelta delta) {
        for (MessageDelta.ContentDelta piece : delta.content()) {
            if (piece.index() != partIndex) {
                textDone(parts.get(partIndex));
                partIndex = piece.index();
                parts.put(piece.index(), Snapshots.apply(null, piece));
                if (parts.get(piece.index()) instanceof MessageContent.TextContent text) {
                    handler.onTextCreated(text.text());
                }
            } else {
                parts.put(piece.index(), Snapshots.apply(parts.get(piece.index()), piece));
            }
            if (piece.text() != null && parts.get(piece.index()) instanceof MessageContent.TextContent text) {
                handler.onTextDelta(piece.text(), text.text());
            }
        }
        if (message != null) {
            message = message.withContent(new ArrayList<>(parts.values()));
        }
        handler.onMessageDelta(delta, message);
    }

    private void textDone(MessageContent part) {
        if (part instanceof MessageContent.TextContent text) {
            handler.onTextDone(text.text());
        }
    }
}
