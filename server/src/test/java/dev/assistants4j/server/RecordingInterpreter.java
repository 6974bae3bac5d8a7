package dev.assistants4j.server;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeInterpreter;
import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.code.OutputFile;
import dev.assistants4j.core.code.SessionKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A code interpreter that runs nothing: every execution completes with a log line and one figure (a PNG), and is
 * recorded with its session and the names of its input files, so a test can tell whose files reached which session.
 * Thread-safe.
 */
final class RecordingInterpreter implements CodeInterpreter {

    /** One execution: its session and the names of the files placed in it. */
    record Execution(SessionKey session, List<String> inputNames) {}

    private final byte[] figure;
    private final List<Execution> executions = new CopyOnWriteArrayList<>();

    /** @param figure the PNG every execution shows */
    RecordingInterpreter(byte[] figure) {
        this.figure = figure.clone();
    }

    List<Execution> executions() {
        return List.copyOf(executions);
    }

    @Override
    public CodeExecution execute(SessionKey session, String code, List<InputFile> inputFiles) {
        executions.add(
                new Execution(session, inputFiles.stream().map(InputFile::name).toList()));
        return new CodeExecution(
                CodeExecution.Status.COMPLETED,
                "ran\n",
                false,
                Optional.empty(),
                List.of(new OutputFile("figure-1.png", figure, true)),
                Duration.ZERO);
    }

    @Override
    public void closeSession(SessionKey session) {}

    @Override
    public int openSessions() {
        return 0;
    }

    @Override
    public String isolation() {
        return "none (recording test double)";
    }

    @Override
    public void close() {}
}
