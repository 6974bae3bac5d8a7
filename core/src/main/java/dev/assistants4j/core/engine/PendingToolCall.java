package dev.assistants4j.core.engine;

/**
 * A tool call of the model while it streams in: its id, name and arguments so far, and who runs it. A code_interpreter
 * call also decodes its code as the arguments arrive, for the code deltas. Not thread-safe.
 */
record PendingToolCall(
        String id, String name, Kind kind, StringBuilder arguments, CodeArguments decoder, StringBuilder code) {

    /** Who runs a call: the client (a function), or the engine (file_search, code_interpreter). */
    enum Kind {
        FUNCTION,
        FILE_SEARCH,
        CODE
    }

    /** A call that has no arguments yet. */
    PendingToolCall(String id, String name, Kind kind) {
        this(id, name, kind, new StringBuilder(), new CodeArguments(), new StringBuilder());
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
