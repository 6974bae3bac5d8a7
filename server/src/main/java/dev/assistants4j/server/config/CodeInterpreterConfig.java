package dev.assistants4j.server.config;

import dev.assistants4j.core.code.CodeInterpreterSettings;
import java.time.Duration;

/**
 * The {@code code_interpreter} section of the config file: whether runs may use the code_interpreter tool, and the
 * limits of its sandbox sessions.
 *
 * @param enabled false refuses runs with the tool (400)
 * @param allowUnsandboxedCodeExecution a development setting: when bubblewrap cannot be used, run model-written code
 *     WITHOUT isolation, as the server's user, instead of refusing the tool. Never in production
 * @param timeout the wall time of one execution
 * @param memoryMb the memory of each session as a whole (its processes and its in-memory files), and the address
 *     space of each of its processes, in MiB
 * @param idleExpiry a session unused this long is closed, with its variables and files
 */
public record CodeInterpreterConfig(
        boolean enabled, boolean allowUnsandboxedCodeExecution, Duration timeout, long memoryMb, Duration idleExpiry) {

    /** Enabled, sandboxed only, 60 s, 1024 MiB, 20 minutes. */
    public static final CodeInterpreterConfig DEFAULTS =
            new CodeInterpreterConfig(true, false, Duration.ofSeconds(60), 1024, Duration.ofMinutes(20));

    /** The sandbox limits: these values over {@link CodeInterpreterSettings#DEFAULTS}, CPU time as the wall time. */
    public CodeInterpreterSettings settings() {
        CodeInterpreterSettings base = CodeInterpreterSettings.DEFAULTS;
        return new CodeInterpreterSettings(
                timeout,
                timeout,
                memoryMb << 20,
                base.maxProcesses(),
                base.maxFileBytes(),
                base.maxOutputBytes(),
                idleExpiry,
                base.maxSessions(),
                base.maxSessionBytes());
    }
}
