package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.StepToolCall.CodeOutput;
import java.util.List;
import java.util.Objects;

/**
 * {@code thread.run.step.delta}: a piece of one tool call of a tool_calls step being streamed. Its wire form is given
 * by {@link RunEventWire}. Only a call's first delta carries its id (and a function's name); later ones leave them
 * null, as OpenAI's deltas leave them out.
 */
public record StepDelta(String stepId, ToolCall toolCall) implements RunEvent {

    public StepDelta {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(toolCall, "toolCall");
    }

    /** A file_search call's first delta; its results come with the completed step. */
    static StepDelta fileSearch(String stepId, int index, String callId) {
        return new StepDelta(stepId, new FileSearchCall(index, callId));
    }

    /** A function call's first fragment, with its id and name. */
    static StepDelta functionStart(String stepId, int index, String callId, String name, String arguments) {
        return new StepDelta(stepId, new FunctionCall(index, callId, name, arguments));
    }

    /** More of a function call's arguments. */
    static StepDelta functionArguments(String stepId, int index, String arguments) {
        return new StepDelta(stepId, new FunctionCall(index, null, null, arguments));
    }

    /** A code_interpreter call's first delta: its id, the code so far and no outputs yet. */
    static StepDelta codeStart(String stepId, int index, String callId, String input) {
        return new StepDelta(stepId, new CodeCall(index, callId, input, List.of()));
    }

    /** More of a code_interpreter call's code. */
    static StepDelta codeInput(String stepId, int index, String input) {
        return new StepDelta(stepId, new CodeCall(index, null, input, null));
    }

    /** What a code_interpreter call produced. */
    static StepDelta codeOutputs(String stepId, int index, List<CodeOutput> outputs) {
        return new StepDelta(stepId, new CodeCall(index, null, null, List.copyOf(outputs)));
    }

    /** A piece of one tool call, at its index among the step's calls. */
    public sealed interface ToolCall permits FileSearchCall, FunctionCall, CodeCall {
        int index();
    }

    /** {@code {"index","id","type":"file_search","file_search":{}}}. */
    public record FileSearchCall(int index, String id) implements ToolCall {
        public FileSearchCall {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * {@code {"index","id"?,"type":"function","function":{"name"?,"arguments","output":null?}}}: id, name and the
     * null output only in the first fragment.
     *
     * @param id null after the first fragment
     * @param name null after the first fragment
     */
    public record FunctionCall(int index, String id, String name, String arguments) implements ToolCall {
        public FunctionCall {
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * {@code {"index","id"?,"type":"code_interpreter","code_interpreter":{"input"?,"outputs"?}}}.
     *
     * @param id null after the first delta
     * @param input null when this delta adds no code
     * @param outputs null when this delta adds no outputs (empty in the first delta)
     */
    public record CodeCall(int index, String id, String input, List<CodeOutput> outputs) implements ToolCall {}
}
