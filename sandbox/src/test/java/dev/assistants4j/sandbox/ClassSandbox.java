package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.CodeExecution;
import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.code.SessionKey;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One bubblewrap sandbox for all the tests of a class, created before the first and closed after the last; register
 * it on a {@code static} field.
 */
final class ClassSandbox implements BeforeAllCallback, AfterAllCallback {

    private final CodeInterpreterSettings settings;
    private BubblewrapSandbox sandbox;

    ClassSandbox(CodeInterpreterSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = BubblewrapSandbox.create(settings, SandboxOptions.DEFAULTS);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.close();
    }

    /** The session of a new thread. */
    static SessionKey newSession() {
        return new SessionKey("proj_test", "thread_" + UUID.randomUUID());
    }

    /** Runs {@code code} in {@code session}, with no input files. */
    CodeExecution run(SessionKey session, String code) {
        return execute(session, code, List.of());
    }

    CodeExecution execute(SessionKey session, String code, List<InputFile> files) {
        return sandbox.execute(session, code, files);
    }

    String isolation() {
        return sandbox.isolation();
    }
}
