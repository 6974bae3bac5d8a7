package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeInterpreter;
import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.code.SessionKey;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A code interpreter whose sessions live in a {@link SessionPool}; the subclasses differ only in how a session's
 * Python starts (isolated or not). Thread-safe.
 */
abstract sealed class PooledCodeInterpreter implements CodeInterpreter
        permits BubblewrapSandbox, UnsandboxedCodeInterpreter {

    private final SessionPool pool;
    private final String isolation;

    PooledCodeInterpreter(SessionPool pool, String isolation) {
        this.pool = pool;
        this.isolation = isolation;
    }

    @Override
    public CodeExecution execute(SessionKey session, String code, List<InputFile> inputFiles) {
        return pool.execute(session, code, inputFiles);
    }

    @Override
    public void closeSession(SessionKey session) {
        pool.closeSession(session);
    }

    @Override
    public int openSessions() {
        return pool.openSessions();
    }

    /** The most memory the sandbox of {@code session} has held so far, when it runs and that is known (for tests). */
    OptionalLong peakMemoryBytes(SessionKey session) {
        return pool.peakMemoryBytes(session);
    }

    @Override
    public String isolation() {
        return isolation;
    }

    /**
     * Waits until a pre-started interpreter is ready for the next new session (for benchmarks and tests).
     *
     * @return false when none became ready within {@code timeout}, or none are kept
     */
    public boolean awaitWarm(Duration timeout) {
        return pool.awaitWarm(timeout);
    }

    @Override
    public void close() {
        pool.close();
    }
}
