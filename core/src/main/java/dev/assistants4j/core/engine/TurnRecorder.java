package dev.assistants4j.core.engine;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Annotation;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.IncompleteDetails;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.MessageStatus;
import dev.assistants4j.core.domain.RequiredAction.RequiredToolCall;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.domain.Text;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.domain.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one model call's stream into stored steps and messages and the events that announce them: a
 * message_creation step and its message on the first text, a tool_calls step on the first tool call, deltas as
 * they come, and the final states at the end. Text that may be a citation marker is held back until the marker
 * closes, so that a marker and its annotation arrive in one delta. Not thread-safe; one per model call.
 */
final class TurnRecorder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TurnRecorder.class);

    private final EngineContext ctx;
    private final String projectId;
    private final Run run;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder lateText = new StringBuilder();
    private final Map<Integer, PendingCall> calls = new TreeMap<>();
    private final Map<String, StepToolCall.FileSearch> searched = new HashMap<>();
    private final List<Annotation> annotations = new ArrayList<>();
    private final MarkerBuffer markers = new MarkerBuffer();
    private final Citations citations;
    private final FileSearchRunner searches;
    private final int firstSearchTurn;
    private RunStep messageStep;
    private Message message;
    private boolean messageStored;
    private RunStep toolStep;

    /**
     * @param citations the results of the run's earlier file_search calls, which the text may cite
     * @param firstSearchTurn the number of the run's earlier file_search calls (the turn of this call's first)
     */
    TurnRecorder(EngineContext ctx, String projectId, Run run, Citations citations, int firstSearchTurn) {
        this.ctx = ctx;
        this.projectId = projectId;
        this.run = run;
        this.citations = citations;
        this.searches = new FileSearchRunner(ctx, projectId, run);
        this.firstSearchTurn = firstSearchTurn;
    }

    /** True once anything reached the client; a retry after that would repeat it. */
    boolean emittedAnything() {
        return messageStep != null || toolStep != null;
    }

    void text(String fragment) {
        if (fragment.isEmpty()) {
            return;
        }
        if (toolStep != null) {
            // Clients allow one open step at a time and the tool step stays open until outputs come; text the model
            // writes after its tool calls has nowhere to go (providers send text first).
            lateText.append(fragment);
            return;
        }
        startMessage();
        String ready = citations.isEmpty() ? fragment : markers.accept(fragment);
        if (!ready.isEmpty()) {
            emitText(ready);
        }
        storeMessageOnce();
    }

    /** Sends text that holds only whole markers, with the citations among them. */
    private void emitText(String ready) {
        List<FileCitationAnnotation> found =
                ready.indexOf('【') < 0 ? List.of() : citations.find(ready, text.codePointCount(0, text.length()));
        int first = annotations.size();
        text.append(ready);
        annotations.addAll(found);
        publish("thread.message.delta", Deltas.text(message.id(), 0, ready, first, found));
    }

    /**
     * Stores the new message and its step after their first delta went out, so the two commits do not delay the
     * first token; readers of the API see them a moment after streaming clients do.
     */
    private void storeMessageOnce() {
        if (!messageStored) {
            messageStored = true;
            ctx.stores().messages().insert(projectId, message);
            ctx.stores().runSteps().insert(projectId, messageStep);
        }
    }

    void toolCall(int index, String name, String argumentsFragment) {
        startToolStep();
        PendingCall call = calls.get(index);
        String fragment = argumentsFragment == null ? "" : argumentsFragment;
        if (call == null) {
            String callName = name == null ? "" : name;
            call = new PendingCall(
                    Ids.next(Ids.CALL), callName, new StringBuilder(), FileSearchTools.isCall(run, callName));
            calls.put(index, call);
            call.arguments().append(fragment);
            publish(
                    "thread.run.step.delta",
                    call.fileSearch()
                            ? Deltas.fileSearchCall(toolStep.id(), index, call.id())
                            : Deltas.functionCall(toolStep.id(), index, call.id(), call.name(), fragment));
        } else if (!fragment.isEmpty()) {
            call.arguments().append(fragment);
            if (!call.fileSearch()) {
                publish("thread.run.step.delta", Deltas.functionCall(toolStep.id(), index, null, null, fragment));
            }
        }
    }

    /**
     * Ends the call normally; returns the function calls to hand to the client (empty when it answered or only
     * searched files).
     */
    List<RequiredToolCall> finish(Usage usage, boolean cutOff) {
        if (!lateText.isEmpty()) {
            LOG.debug(
                    "Run {}: dropped {} characters the model wrote after its tool calls", run.id(), lateText.length());
        }
        if (message == null && calls.isEmpty()) {
            startMessage();
        }
        if (message != null && message.status() == MessageStatus.IN_PROGRESS) {
            endMessage(cutOff ? MessageStatus.INCOMPLETE : MessageStatus.COMPLETED, cutOff ? "max_tokens" : null);
            endStep(messageStep, RunStepStatus.COMPLETED, null, usage);
        }
        if (toolStep == null) {
            return List.of();
        }
        toolStep = toolStep.withDetails(new StepDetails.ToolCalls(toolCalls()));
        if (cutOff) {
            endStep(toolStep, RunStepStatus.FAILED, new LastError("server_error", "The tool call was cut off."), usage);
            return List.of();
        }
        toolStep = new RunStep(
                toolStep.id(),
                toolStep.createdAt(),
                toolStep.assistantId(),
                toolStep.threadId(),
                toolStep.runId(),
                toolStep.status(),
                toolStep.stepDetails(),
                null,
                null,
                null,
                null,
                null,
                toolStep.metadata(),
                usage);
        ctx.stores().runSteps().update(projectId, toolStep);
        return calls.values().stream()
                .filter(call -> !call.fileSearch())
                .map(call -> RequiredToolCall.of(
                        call.id(), call.name(), call.arguments().toString()))
                .toList();
    }

    /** True when the model called file_search in this call. */
    boolean searchedFiles() {
        return calls.values().stream().anyMatch(PendingCall::fileSearch);
    }

    /**
     * Executes the file_search calls and records their results in the tool_calls step, which completes unless
     * {@code functionsPending} (then it completes when the client submits the functions' outputs).
     */
    void executeSearches(boolean functionsPending) {
        int turn = firstSearchTurn;
        for (PendingCall call : calls.values()) {
            if (call.fileSearch()) {
                searched.put(
                        call.id(), searches.execute(call.id(), call.arguments().toString(), turn++));
            }
        }
        toolStep = toolStep.withDetails(new StepDetails.ToolCalls(toolCalls()));
        if (functionsPending) {
            ctx.stores().runSteps().update(projectId, toolStep);
        } else {
            endStep(toolStep, RunStepStatus.COMPLETED, null, toolStep.usage());
        }
    }

    /** A rough count of the tokens the model wrote, for providers that report no usage. */
    long estimatedCompletionTokens() {
        long tokens = Tokens.estimate(text.toString());
        for (PendingCall call : calls.values()) {
            tokens += Tokens.estimate(call.name())
                    + Tokens.estimate(call.arguments().toString());
        }
        return tokens;
    }

    /** The id of the tool_calls step, if one was started. */
    String toolStepId() {
        return toolStep == null ? null : toolStep.id();
    }

    /** Ends the call because the run stopped: open steps become cancelled or failed. */
    void abort(RunStepStatus stepStatus, LastError error) {
        String reason = stepStatus == RunStepStatus.CANCELLED ? "run_cancelled" : "run_failed";
        if (message != null && message.status() == MessageStatus.IN_PROGRESS) {
            endMessage(MessageStatus.INCOMPLETE, reason);
            endStep(messageStep, stepStatus, error, null);
        }
        if (toolStep != null) {
            toolStep = toolStep.withDetails(new StepDetails.ToolCalls(toolCalls()));
            endStep(toolStep, stepStatus, error, null);
        }
    }

    private void startMessage() {
        if (message != null) {
            return;
        }
        long now = ctx.now();
        message = new Message(
                Ids.next(Ids.MESSAGE),
                now,
                run.threadId(),
                MessageStatus.IN_PROGRESS,
                null,
                null,
                null,
                MessageRole.ASSISTANT,
                List.of(),
                run.assistantId(),
                run.id(),
                List.of(),
                Map.of());
        messageStep = newStep(now, StepDetails.MessageCreation.of(message.id()));
        publish("thread.run.step.created", messageStep);
        publish("thread.run.step.in_progress", messageStep);
        publish("thread.message.created", message);
        publish("thread.message.in_progress", message);
    }

    private void startToolStep() {
        if (toolStep != null) {
            return;
        }
        if (message != null && message.status() == MessageStatus.IN_PROGRESS) {
            // One open step at a time: the text before the calls is a finished message of its own.
            endMessage(MessageStatus.COMPLETED, null);
            endStep(messageStep, RunStepStatus.COMPLETED, null, Usage.ZERO);
        }
        toolStep = newStep(ctx.now(), new StepDetails.ToolCalls(List.of()));
        ctx.stores().runSteps().insert(projectId, toolStep);
        publish("thread.run.step.created", toolStep);
        publish("thread.run.step.in_progress", toolStep);
    }

    private RunStep newStep(long now, StepDetails details) {
        return new RunStep(
                Ids.next(Ids.STEP),
                now,
                run.assistantId(),
                run.threadId(),
                run.id(),
                RunStepStatus.IN_PROGRESS,
                details,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                null);
    }

    private void endMessage(MessageStatus status, String incompleteReason) {
        String held = markers.flush();
        if (!held.isEmpty()) {
            emitText(held);
        }
        storeMessageOnce();
        long now = ctx.now();
        boolean complete = status == MessageStatus.COMPLETED;
        message = new Message(
                message.id(),
                message.createdAt(),
                message.threadId(),
                status,
                incompleteReason == null ? null : new IncompleteDetails(incompleteReason),
                complete ? Long.valueOf(now) : null,
                complete ? null : Long.valueOf(now),
                message.role(),
                List.of(new TextContent(new Text(text.toString(), annotations))),
                message.assistantId(),
                message.runId(),
                message.attachments(),
                message.metadata());
        ctx.stores().messages().update(projectId, message);
        publish(complete ? "thread.message.completed" : "thread.message.incomplete", message);
    }

    private void endStep(RunStep step, RunStepStatus status, LastError error, Usage usage) {
        RunStep ended = step.finish(status, ctx.now(), error, usage);
        ctx.stores().runSteps().update(projectId, ended);
        publish("thread.run.step." + status.wireName(), ended);
    }

    /** The calls in the model's order: functions without output, file_search calls with results once run. */
    private List<StepToolCall> toolCalls() {
        List<StepToolCall> result = new ArrayList<>();
        int turn = firstSearchTurn;
        for (PendingCall call : calls.values()) {
            String arguments = call.arguments().toString();
            if (call.fileSearch()) {
                StepToolCall.FileSearch done = searched.get(call.id());
                result.add(done != null ? done : searches.pending(call.id(), arguments, turn));
                turn++;
            } else {
                result.add(new StepToolCall.Function(
                        call.id(), new StepToolCall.FunctionCallDetails(call.name(), arguments, null)));
            }
        }
        return result;
    }

    private void publish(String event, Object data) {
        ctx.events().publish(run.id(), RunEvent.of(event, data));
    }

    /** A call being streamed; {@code fileSearch} when it calls the run's file_search tool (the engine runs it). */
    private record PendingCall(String id, String name, StringBuilder arguments, boolean fileSearch) {}
}
