package dev.assistants4j.server;

import dev.assistants4j.core.code.CodeInterpreter;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import dev.assistants4j.core.code.SessionKey;
import dev.assistants4j.sandbox.BubblewrapSandbox;
import dev.assistants4j.sandbox.Prerequisites;
import dev.assistants4j.sandbox.SandboxOptions;
import dev.assistants4j.sandbox.UnsandboxedCodeInterpreter;
import dev.assistants4j.server.config.CodeInterpreterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's code interpreter, created from the config on the first run that uses the tool (so a server whose runs
 * never run code starts no Python): a bubblewrap sandbox; when bubblewrap cannot be used, the tool is refused with
 * the reason, unless {@code allow_unsandboxed_code_execution} allows running code without isolation. The outcome is
 * kept: fixing the host needs a restart. At start, {@link #checkPrerequisites} says at once (rather than at the first
 * run) when the host lacks what the tool needs, with the command that installs it. Thread-safe.
 */
final class CodeInterpreters implements CodeInterpreterSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CodeInterpreters.class);
    /** Whether this JVM has looked whether Python imports its data stack (it takes a second; one look is enough). */
    private static final AtomicBoolean MODULES_CHECKED = new AtomicBoolean();
    /** How long after the start the Python modules are looked for. */
    private static final Duration CHECK_DELAY = Duration.ofSeconds(10);

    private final CodeInterpreterConfig config;
    private final SandboxOptions options;
    private CodeInterpreter interpreter;
    private CodeInterpreterUnavailableException failure;
    private boolean closed;

    /** @param workDir where session directories are created (a subfolder of the data dir) */
    CodeInterpreters(CodeInterpreterConfig config, Path workDir) {
        this(config, SandboxOptions.DEFAULTS.withWorkDir(workDir));
    }

    CodeInterpreters(CodeInterpreterConfig config, SandboxOptions options) {
        this.config = config;
        this.options = options;
    }

    /**
     * Unless the tool is disabled: logs one warning, with the command that installs them, when bubblewrap or Python is
     * missing; when both are there, looks (once per JVM, on a platform thread of its own, 10 s after the start)
     * whether Python imports numpy, pandas and matplotlib, and warns likewise when it does not.
     */
    void checkPrerequisites() {
        if (!config.enabled()) {
            return;
        }
        List<String> missing = Prerequisites.missingFiles(options);
        if (!missing.isEmpty()) {
            LOG.warn(Prerequisites.warning(String.join(" and ", missing) + " missing"));
            return;
        }
        if (MODULES_CHECKED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("a4j-code-interpreter-check").start(this::checkModulesAndIsolation);
        }
    }

    /**
     * Warns when Python lacks its modules; otherwise says which isolation sandboxes will get on this host. Waits
     * {@link #CHECK_DELAY} first: Python importing its data stack takes a second of CPU, which on a small machine would
     * otherwise be taken from the start and the first requests.
     */
    private void checkModulesAndIsolation() {
        try {
            Thread.sleep(CHECK_DELAY);
        } catch (InterruptedException e) {
            return; // a daemon thread: nobody waits for it
        }
        Optional<String> missing = Prerequisites.missingModules(options.python());
        if (missing.isPresent()) {
            LOG.warn(Prerequisites.warning(
                    options.python() + " cannot import numpy, pandas and matplotlib (" + missing.get() + ")"));
            return;
        }
        try {
            synchronized (this) { // not while interpreter() sets up the same limits for real
                if (interpreter == null && !closed) {
                    LOG.info(
                            "code_interpreter: sandboxes start on the first run that uses the tool (isolation: {})",
                            BubblewrapSandbox.isolation(config.settings(), options));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("code_interpreter: could not tell which isolation sandboxes will get: {}", e.toString());
        }
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
