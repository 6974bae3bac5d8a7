package dev.assistants4j.core.engine;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.RequiredAction.RequiredToolCall;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.domain.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tool side of one model call: the tool_calls step, started on the first tool call, the calls as they stream in
 * (each dispatched by kind: a function for the client, or a file_search or code_interpreter call for the engine),
 * the results of the server-side calls once the engine ran them, and the step's final state. It runs no tool itself:
 * the engine takes {@link #serverCalls()} and hands each result back. Not thread-safe; one per model call, on the
 * run's thread.
 */
final class ToolCallRecorder {

    private final TurnWriter out;
    private final int firstSearchTurn;
    private final Map<Integer, PendingToolCall> calls = new TreeMap<>();
    private final Map<String, StepToolCall.FileSearch> searched = new HashMap<>();
    private final Map<String, StepToolCall.CodeInterpreter> executed = new HashMap<>();
    private RunStep step;

    /** @param firstSearchTurn the number of the run's earlier file_search calls (the turn of this call's first) */
    ToolCallRecorder(TurnWriter out, int firstSearchTurn) {
        this.out = out;
        this.firstSearchTurn = firstSearchTurn;
    }

    /** A server-side call the engine runs, in the model's order. */
    sealed interface ServerCall permits FileSearchCall, CodeCall {}

    /** A file_search call; {@code turn} counts the run's file_search calls before it. */
    record FileSearchCall(String id, String arguments, int turn) implements ServerCall {}

    /** A code_interpreter call at {@code index} of the model's calls. */
    record CodeCall(int index, String id, String arguments) implements ServerCall {}

    /** True once the step was started (and announced). */
    boolean started() {
        return step != null;
    }

    /** The id of the tool_calls step, if one was started. */
    String stepId() {
        return step == null ? null : step.id();
    }

    /** Adds a fragment of the call at {@code index} (its name comes with its first), starting the step on the first. */
    void toolCall(int index, String name, String argumentsFragment) {
        start();
        PendingToolCall call = calls.get(index);
        String fragment = argumentsFragment == null ? "" : argumentsFragment;
        if (call == null) {
            String callName = name == null ? "" : name;
            call = new PendingToolCall(Ids.next(Ids.CALL), callName, kind(callName));
            calls.put(index, call);
            // As OpenAI streams a call: its first delta has the id and name with empty arguments, the arguments follow
            // in later deltas. A provider that sends a whole call at once (Gemini) is split so too: the SDKs' stream
            // helpers give only later deltas to toolCallDelta handlers.
            out.publish(
                    switch (call.kind()) {
                        case FILE_SEARCH -> StepDelta.fileSearch(step.id(), index, call.id());
                        case CODE -> StepDelta.codeStart(step.id(), index, call.id(), "");
                        case FUNCTION -> StepDelta.functionStart(step.id(), index, call.id(), call.name(), "");
                    });
        }
        if (!fragment.isEmpty()) {
            call.arguments().append(fragment);
            switch (call.kind()) {
                case FUNCTION -> out.publish(StepDelta.functionArguments(step.id(), index, fragment));
                case CODE -> {
                    String code = call.decode(fragment);
                    if (!code.isEmpty()) {
                        out.publish(StepDelta.codeInput(step.id(), index, code));
                    }
                }
                case FILE_SEARCH -> {}
            }
        }
    }

    /**
     * Ends the streaming of the calls: records them with {@code usage} in the step (which fails when the model was cut
     * off) and returns the function calls to hand to the client (empty when there are none, or when cut off).
     */
    List<RequiredToolCall> finish(Usage usage, boolean cutOff) {
        if (step == null) {
            return List.of();
        }
        step = step.withDetails(new StepDetails.ToolCalls(toolCalls()));
        if (cutOff) {
            out.endStep(step, RunStepStatus.FAILED, new LastError("server_error", "The tool call was cut off."), usage);
            return List.of();
        }
        step = step.withUsage(usage);
        out.update(step);
        return calls.values().stream()
                .filter(call -> call.kind() == PendingToolCall.Kind.FUNCTION)
                .map(call -> RequiredToolCall.of(
                        call.id(), call.name(), call.arguments().toString()))
                .toList();
    }

    /** True when the model called a built-in tool (file_search, code_interpreter) in this call. */
    boolean usedServerTools() {
        return calls.values().stream().anyMatch(call -> call.kind() != PendingToolCall.Kind.FUNCTION);
    }

    /** The file_search and code_interpreter calls, in the model's order. */
    List<ServerCall> serverCalls() {
        List<ServerCall> result = new ArrayList<>();
        int turn = firstSearchTurn;
        for (Map.Entry<Integer, PendingToolCall> entry : calls.entrySet()) {
            PendingToolCall call = entry.getValue();
            String arguments = call.arguments().toString();
            switch (call.kind()) {
                case FILE_SEARCH -> result.add(new FileSearchCall(call.id(), arguments, turn++));
                case CODE -> result.add(new CodeCall(entry.getKey(), call.id(), arguments));
                case FUNCTION -> {}
            }
        }
        return result;
    }

    /** Records the results of a file_search call; they reach the step when it ends. */
    void searched(StepToolCall.FileSearch done) {
        searched.put(done.id(), done);
    }

    /** Records the outputs of the code_interpreter call at {@code index}, announces and stores them. */
    void executed(int index, StepToolCall.CodeInterpreter done) {
        executed.put(done.id(), done);
        out.publish(
                StepDelta.codeOutputs(step.id(), index, done.codeInterpreter().outputs()));
        step = step.withDetails(new StepDetails.ToolCalls(toolCalls()));
        out.update(step);
    }

    /**
     * Ends the server-side calls: the step, with their results, completes unless {@code functionsPending} (then it
     * completes when the client submits the functions' outputs).
     */
    void serverCallsDone(boolean functionsPending) {
        step = step.withDetails(new StepDetails.ToolCalls(toolCalls()));
        if (functionsPending) {
            out.update(step);
        } else {
            out.endStep(step, RunStepStatus.COMPLETED, null, step.usage());
        }
    }

    /** Ends the step, if started, because the run stopped: cancelled or failed. */
    void abort(RunStepStatus stepStatus, LastError error) {
        if (step != null) {
            step = step.withDetails(new StepDetails.ToolCalls(toolCalls()));
            out.endStep(step, stepStatus, error, null);
        }
    }

    /** A rough count of the tokens of the calls, for providers that report no usage. */
    long estimatedTokens() {
        long tokens = 0;
        for (PendingToolCall call : calls.values()) {
            tokens += Tokens.estimate(call.name())
                    + Tokens.estimate(call.arguments().toString());
        }
        return tokens;
    }

    private void start() {
        if (step == null) {
            step = out.newStep(out.now(), new StepDetails.ToolCalls(List.of()));
            out.insert(step);
            out.publish(new RunEvent.StepCreated(step));
            out.publish(new RunEvent.StepStatusChanged(step));
        }
    }

    private PendingToolCall.Kind kind(String name) {
        Run run = out.run();
        if (FileSearchTools.isCall(run, name)) {
            return PendingToolCall.Kind.FILE_SEARCH;
        }
        return CodeInterpreterTools.isCall(run, name) ? PendingToolCall.Kind.CODE : PendingToolCall.Kind.FUNCTION;
    }

    /** The calls in the model's order: functions without output, server-side calls with their results once run. */
    private List<StepToolCall> toolCalls() {
        List<StepToolCall> result = new ArrayList<>();
        int turn = firstSearchTurn;
        for (PendingToolCall call : calls.values()) {
            String arguments = call.arguments().toString();
            switch (call.kind()) {
                case FILE_SEARCH -> {
                    StepToolCall.FileSearch done = searched.get(call.id());
                    result.add(done != null ? done : FileSearchRunner.pending(out.run(), call.id(), arguments, turn));
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
}
