package dev.assistants4j.core.engine;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Annotation;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.FilePathAnnotation;
import dev.assistants4j.core.domain.ImageFileContent;
import dev.assistants4j.core.domain.IncompleteDetails;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageContent;
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
    private final Map<String, StepToolCall.CodeInterpreter> executed = new HashMap<>();
    private final List<Annotation> annotations = new ArrayList<>();
    private final MarkerBuffer markers = new MarkerBuffer();
    private final Citations citations;
    private final FileSearchRunner searches;
    private final int firstSearchTurn;
    private final CodeRunner codes;
    private final CodeResults codeResults;
    private final CancelSignal cancel;
    private List<String> images = List.of();
    private RunStep messageStep;
    private Message message;
    private boolean messageStored;
    private RunStep toolStep;

    /**
     * @param citations the results of the run's earlier file_search calls, which the text may cite
     * @param firstSearchTurn the number of the run's earlier file_search calls (the turn of this call's first)
     * @param codeResults the images and files of the run's earlier code_interpreter calls, which the message shows
     */
    TurnRecorder(
            EngineContext ctx,
            String projectId,
            Run run,
            Citations citations,
            int firstSearchTurn,
            CodeResults codeResults,
            CancelSignal cancel) {
        this.ctx = ctx;
        this.projectId = projectId;
        this.run = run;
        this.citations = citations;
        this.searches = new FileSearchRunner(ctx, projectId, run);
        this.firstSearchTurn = firstSearchTurn;
        this.codes = new CodeRunner(ctx, projectId, run, cancel);
        this.codeResults = codeResults;
        this.cancel = cancel;
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
        publish(MessageDelta.text(message.id(), images.size(), ready, first, found));
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
            call = new PendingCall(Ids.next(Ids.CALL), callName, new StringBuilder(), kind(callName));
            calls.put(index, call);
            call.arguments().append(fragment);
            publish(
                    switch (call.kind()) {
                        case FILE_SEARCH -> StepDelta.fileSearch(toolStep.id(), index, call.id());
                        case CODE -> StepDelta.codeStart(toolStep.id(), index, call.id(), call.decode(fragment));
                        case FUNCTION ->
                            StepDelta.functionStart(toolStep.id(), index, call.id(), call.name(), fragment);
                    });
        } else if (!fragment.isEmpty()) {
            call.arguments().append(fragment);
            switch (call.kind()) {
                case FUNCTION -> publish(StepDelta.functionArguments(toolStep.id(), index, fragment));
                case CODE -> {
                    String code = call.decode(fragment);
                    if (!code.isEmpty()) {
                        publish(StepDelta.codeInput(toolStep.id(), index, code));
                    }
                }
                case FILE_SEARCH -> {}
            }
        }
    }

    private CallKind kind(String name) {
        if (FileSearchTools.isCall(run, name)) {
            return CallKind.FILE_SEARCH;
        }
        return CodeInterpreterTools.isCall(run, name) ? CallKind.CODE : CallKind.FUNCTION;
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
                .filter(call -> call.kind() == CallKind.FUNCTION)
                .map(call -> RequiredToolCall.of(
                        call.id(), call.name(), call.arguments().toString()))
                .toList();
    }

    /** True when the model called a built-in tool (file_search, code_interpreter) in this call. */
    boolean usedServerTools() {
        return calls.values().stream().anyMatch(call -> call.kind() != CallKind.FUNCTION);
    }

    /**
     * Executes the file_search and code_interpreter calls in the model's order and records their results in the
     * tool_calls step, which completes unless {@code functionsPending} (then it completes when the client submits the
     * functions' outputs) or the run was cancelled meanwhile (then the caller aborts it).
     */
    void executeServerTools(boolean functionsPending) {
        int turn = firstSearchTurn;
        for (Map.Entry<Integer, PendingCall> entry : calls.entrySet()) {
            PendingCall call = entry.getValue();
            if (cancel.requested()) {
                return;
            }
            switch (call.kind()) {
                case FILE_SEARCH ->
                    searched.put(
                            call.id(),
                            searches.execute(call.id(), call.arguments().toString(), turn++));
                case CODE -> {
                    StepToolCall.CodeInterpreter done =
                            codes.execute(call.id(), call.arguments().toString());
                    executed.put(call.id(), done);
                    publish(StepDelta.codeOutputs(
                            toolStep.id(),
                            entry.getKey(),
                            done.codeInterpreter().outputs()));
                    toolStep = toolStep.withDetails(new StepDetails.ToolCalls(toolCalls()));
                    ctx.stores().runSteps().update(projectId, toolStep);
                }
                case FUNCTION -> {}
            }
        }
        toolStep = toolStep.withDetails(new StepDetails.ToolCalls(toolCalls()));
        if (cancel.requested()) {
            return;
        }
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
        publish(new RunEvent.StepCreated(messageStep));
        publish(new RunEvent.StepStatusChanged(messageStep));
        publish(new RunEvent.MessageCreated(message));
        publish(new RunEvent.MessageStatusChanged(message));
        images = codeResults.pendingImages();
        if (!images.isEmpty()) {
            publish(MessageDelta.images(message.id(), images));
        }
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
        publish(new RunEvent.StepCreated(toolStep));
        publish(new RunEvent.StepStatusChanged(toolStep));
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
        List<FilePathAnnotation> paths = codeResults.filePaths(text.toString());
        if (!paths.isEmpty()) {
            publish(MessageDelta.text(message.id(), images.size(), "", annotations.size(), paths));
            annotations.addAll(paths);
        }
        storeMessageOnce();
        long now = ctx.now();
        boolean complete = status == MessageStatus.COMPLETED;
        List<MessageContent> content = new ArrayList<>();
        images.forEach(id -> content.add(new ImageFileContent(new ImageFileContent.ImageFile(id, null))));
        content.add(new TextContent(new Text(text.toString(), annotations)));
        message = new Message(
                message.id(),
                message.createdAt(),
                message.threadId(),
                status,
                incompleteReason == null ? null : new IncompleteDetails(incompleteReason),
                complete ? Long.valueOf(now) : null,
                complete ? null : Long.valueOf(now),
                message.role(),
                content,
                message.assistantId(),
                message.runId(),
                message.attachments(),
                message.metadata());
        ctx.stores().messages().update(projectId, message);
        publish(new RunEvent.MessageStatusChanged(message));
    }

    private void endStep(RunStep step, RunStepStatus status, LastError error, Usage usage) {
        RunStep ended = step.finish(status, ctx.now(), error, usage);
        ctx.stores().runSteps().update(projectId, ended);
        publish(new RunEvent.StepStatusChanged(ended));
    }

    /** The calls in the model's order: functions without output, file_search calls with results once run. */
    private List<StepToolCall> toolCalls() {
        List<StepToolCall> result = new ArrayList<>();
        int turn = firstSearchTurn;
        for (PendingCall call : calls.values()) {
            String arguments = call.arguments().toString();
            switch (call.kind()) {
                case FILE_SEARCH -> {
                    StepToolCall.FileSearch done = searched.get(call.id());
                    result.add(done != null ? done : searches.pending(call.id(), arguments, turn));
                    turn++;
                }
                case CODE -> {
                    StepToolCall.CodeInterpreter done = executed.get(call.id());
                    result.add(done != null ? done : CodeRunner.pending(call.id(), call.input(arguments)));
                }
                case FUNCTION ->
                    result.add(new StepToolCall.Function(
                            call.id(), new StepToolCall.FunctionCallDetails(call.name(), arguments, null)));
            }
        }
        return result;
    }

    private void publish(RunEvent event) {
        ctx.events().publish(run.id(), event);
    }

    /** Who runs a call: the client (a function), or the engine (file_search, code_interpreter). */
    private enum CallKind {
        FUNCTION,
        FILE_SEARCH,
        CODE
    }

    /** A call being streamed; a code call also decodes its code as the arguments arrive. */
    private static final class PendingCall {
        private final String id;
        private final String name;
        private final StringBuilder arguments;
        private final CallKind kind;
        private final CodeArguments decoder = new CodeArguments();
        private final StringBuilder code = new StringBuilder();

        PendingCall(String id, String name, StringBuilder arguments, CallKind kind) {
            this.id = id;
            this.name = name;
            this.arguments = arguments;
            this.kind = kind;
        }

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        StringBuilder arguments() {
            return arguments;
        }

        CallKind kind() {
            return kind;
        }

        /** The code a fragment of the arguments completes. */
        String decode(String fragment) {
            String decoded = decoder.accept(fragment);
            code.append(decoded);
            return decoded;
        }

        /** The code: parsed from the complete arguments when possible, else as decoded so far. */
        String input(String completeArguments) {
            return CodeInterpreterTools.code(completeArguments).orElse(code.toString());
        }
    }
}
