package dev.assistants4j.core.code;

import java.util.List;

/**
 * Runs Python code for the code_interpreter tool. Each {@link SessionKey} has its own session, like a notebook
 * kernel: variables, imports and the files in {@code /mnt/data} persist across executions until the session is
 * closed, expires after {@link CodeInterpreterSettings#idleExpiry()} unused, or is evicted. Executions of one session
 * run one at a time (a second caller waits); sessions run independently. Thread-safe.
 *
 * <p>A failure of the code (an exception, a timeout, the process dying) is never thrown: it is a {@link
 * CodeExecution} the model sees, and the server and other sessions carry on.
 */
public interface CodeInterpreter extends AutoCloseable {

    /**
     * Places {@code inputFiles} in the session's {@code /mnt/data} (opening the session if needed), runs {@code code}
     * there and returns what it produced. Interrupting the calling thread stops the execution ({@link
     * CodeExecution.Status#CANCELLED}: the session's interpreter is killed), which is how a cancelled run stops its
     * code.
     *
     * @throws java.io.UncheckedIOException when an input file cannot be read or placed
     */
    CodeExecution execute(SessionKey session, String code, List<InputFile> inputFiles);

    /**
     * Closes the session of {@code session} if it is open (for instance when its thread is deleted): an execution in
     * progress is stopped, and the session's state and files are gone.
     */
    void closeSession(SessionKey session);

    /** The number of sessions open now. */
    int openSessions();

    /** How code is isolated, for logs and diagnostics: e.g. {@code bubblewrap 0.8.0} or {@code none}. */
    String isolation();

    /** Closes every session; executions still running end as {@link CodeExecution.Status#REJECTED} or crashed. */
    @Override
    void close();
}
