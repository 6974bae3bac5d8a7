package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>DANGEROUS, development only</b>: runs model-written code as a plain child process of the server, with the
 * server's user, files, network and environment at its disposal. Only the memory (per process, and the memory watchdog
 * per session), file-size, CPU and wall-time limits apply; there is no {@code /mnt/data} (the code's working directory is the session directory). Never chosen
 * implicitly: only with the explicit setting {@code allowUnsandboxedCodeExecution}, and logged as a warning.
 */
public final class UnsandboxedCodeInterpreter extends PooledCodeInterpreter {

    private static final Logger log = LoggerFactory.getLogger(UnsandboxedCodeInterpreter.class);

    private UnsandboxedCodeInterpreter(SessionPool pool, String isolation) {
        super(pool, isolation);
    }

    /**
     * Starts the unsandboxed interpreter, logging a loud warning.
     *
     * @throws CodeInterpreterUnavailableException when Python is missing or does not start
     */
    public static UnsandboxedCodeInterpreter create(CodeInterpreterSettings settings, SandboxOptions options) {
        BubblewrapSandbox.requirePython(options.python());
        boolean root = Host.root();
        log.warn(
                "!!! allowUnsandboxedCodeExecution is on: code_interpreter runs model-written code WITHOUT ANY"
                        + " ISOLATION, as this server's user{}, with its files, network and environment. Never use this in"
                        + " production. !!!",
                root ? " (root!)" : "");
        Path workDir = Host.workDir(options.workDir());
        Path driverDir = DriverFiles.write(workDir.resolve("driver"));
        DirectLauncher launcher = new DirectLauncher(options.python(), driverDir, root);
        SessionFiles files = new SessionFiles(workDir, options.workDir().isEmpty(), settings.maxFileBytes());
        files.deleteStale();
        MemoryWatchdog limits = new MemoryWatchdog(BubblewrapSandbox.caps(settings));
        SessionPool pool = new SessionPool(launcher, limits, settings, options, files);
        try {
            pool.start();
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw new CodeInterpreterUnavailableException(
                    "code_interpreter: Python does not start: " + e.getMessage(), e);
        }
        return new UnsandboxedCodeInterpreter(pool, launcher.isolation());
    }
}
