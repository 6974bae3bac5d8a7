package dev.assistants4j.core.domain;

import java.util.List;

/**
 * What a run in {@code requires_action} waits for: the outputs of these function calls.
 *
 * @param type always {@code submit_tool_outputs}
 */
public record RequiredAction(String type, SubmitToolOutputs submitToolOutputs) {

    /** A required action for the given calls. */
    public static RequiredAction of(List<RequiredToolCall> calls) {
        return new RequiredAction("submit_tool_outputs", new SubmitToolOutputs(calls));
    }

    /** The calls whose outputs are awaited. */
    public record SubmitToolOutputs(List<RequiredToolCall> toolCalls) {
        public SubmitToolOutputs {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /**
     * One function call the client must run.
     *
     * @param type always {@code function}
     */
    public record RequiredToolCall(String id, String type, FunctionCall function) {
        public static RequiredToolCall of(String id, String name, String arguments) {
            return new RequiredToolCall(id, "function", new FunctionCall(name, arguments));
        }
    }

    /** A function's name and its JSON arguments as the model wrote them. */
    public record FunctionCall(String name, String arguments) {}
}
