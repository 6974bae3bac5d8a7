package dev.assistants4j.core.code;

/**
 * Where runs get their {@link CodeInterpreter} from; it may be created on first use. Thread-safe.
 */
@FunctionalInterface
public interface CodeInterpreterSource {

    /** No interpreter: runs with the code_interpreter tool are refused. */
    CodeInterpreterSource NONE = () -> {
        throw new CodeInterpreterUnavailableException("no code interpreter is configured.");
    };

    /**
     * The interpreter, created on the first call when needed.
     *
     * @throws CodeInterpreterUnavailableException when the tool cannot be offered; the message says why (for example
     *     that bubblewrap is missing) and is shown to clients
     */
    CodeInterpreter interpreter();

    /**
     * Closes the session of {@code session} if it is open, as when its thread is deleted: its processes stop and its
     * variables and files are gone. A source that cannot give an interpreter has no sessions to close.
     */
    default void closeSession(SessionKey session) {
        CodeInterpreter current;
        try {
            current = interpreter();
        } catch (CodeInterpreterUnavailableException e) {
            return;
        }
        current.closeSession(session);
    }

    /** A source that always returns {@code interpreter}. */
    static CodeInterpreterSource of(CodeInterpreter interpreter) {
        return () -> interpreter;
    }
}
