package dev.assistants4j.core.engine;

/**
 * A tool call of the model while it streams in: its id, name and arguments so far, and who runs it. A code_interpreter
 * call also decodes its code as the arguments arrive, for the code deltas. Not thread-safe.
 */
final class PendingToolCall {

    /** Who runs a call: the client (a function), or the engine (file_search, code_interpreter). */
    enum Kind {
        FUNCTION,
        FILE_SEARCH,
        CODE
    }

    private final String id;
    private final String name;
    private final Kind kind;
    private final StringBuilder arguments = new StringBuilder();
    private final CodeArguments decoder = new CodeArguments();
    private final StringBuilder code = new StringBuilder();

    PendingToolCall(String id, String name, Kind kind) {
        this.id = id;
        this.name = name;
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

    Kind kind() {
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
