package dev.assistants4j.server;

import dev.assistants4j.core.code.CodeInterpreter;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import dev.assistants4j.core.code.SessionKey;
import dev.assistants4j.sandbox.BubblewrapSandbox;
import dev.assistants4j.sandbox.SandboxOptions;
import dev.assistants4j.sandbox.UnsandboxedCodeInterpreter;
import dev.assistants4j.server.config.CodeInterpreterConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's code interpreter, created from the config on the first run that uses the tool (so a server whose runs
 * never run code starts no Python): a bubblewrap sandbox; when bubblewrap cannot be used, the tool is refused with
 * the reason, unless {@code allow_unsandboxed_code_execution} allows running code without isolation. The outcome is
 * kept: fixing the host needs a restart. Thread-safe.
 */
final class CodeInterpreters implements CodeInterpreterSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CodeInterpreters.class);

    private final CodeInterpreterConfig config;
    private final Path workDir;
    private CodeInterpreter interpreter;
    private CodeInterpreterUnavailableException failure;
    private boolean closed;

    /** @param workDir where session directories are created (a subfolder of the data dir) */
    CodeInterpreters(CodeInterpreterConfig config, Path workDir) {
        this.config = config;
        this.workDir = workDir;
    }

    @Override
    public synchronized CodeInterpreter interpreter() {
        if (closed) {
            throw new CodeInterpreterUnavailableException("The server is stopping.");
        }
        if (!config.enabled()) {
            throw new CodeInterpreterUnavailableException(
                    "it is disabled in this server's configuration (assistant_settings.code_interpreter.enabled: false).");
        }
        if (interpreter != null) {
            return interpreter;
        }
        if (failure != null) {
            throw failure;
        }
        SandboxOptions options = SandboxOptions.DEFAULTS.withWorkDir(workDir);
        try {
            interpreter = BubblewrapSandbox.create(config.settings(), options);
        } catch (CodeInterpreterUnavailableException e) {
            if (!config.allowUnsandboxedCodeExecution()) {
                LOG.error("The code_interpreter tool is unavailable: {}", e.getMessage());
                failure = e;
                throw e;
            }
            LOG.warn("Bubblewrap is unavailable ({}); allow_unsandboxed_code_execution is set", e.getMessage());
            try {
                interpreter = UnsandboxedCodeInterpreter.create(config.settings(), options);
            } catch (CodeInterpreterUnavailableException unsandboxed) {
                failure = unsandboxed;
                throw unsandboxed;
            }
        }
        LOG.info("code_interpreter ready (isolation: {})", interpreter.isolation());
        return interpreter;
    }

    /** Closes the session if the interpreter was created (a server whose runs never ran code starts none for this). */
    @Override
    public void closeSession(SessionKey session) {
        CodeInterpreter created;
        synchronized (this) {
            created = interpreter;
        }
        if (created != null) {
            created.closeSession(session);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (interpreter != null) {
            interpreter.close();
        }
    }
}
