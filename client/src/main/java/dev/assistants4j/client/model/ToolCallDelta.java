package dev.assistants4j.client.model;

/**
 * A streamed change to the tool call at {@code index} of a run step: its id and type (first delta), then pieces of a
 * function's arguments, of code_interpreter's input and its outputs, or file_search's results.
 */
public record ToolCallDelta(
        int index,
        String id,
        String type,
        ToolCall.Function function,
        ToolCall.CodeInterpreter codeInterpreter,
        ToolCall.FileSearch fileSearch) {}
