package dev.assistants4j.server.engine;

import dev.assistants4j.core.code.CodeInterpreter;
import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.sandbox.BubblewrapSandbox;
import dev.assistants4j.sandbox.SandboxOptions;
import java.time.Duration;

/**
 * One bubblewrap sandbox for all run tests of this JVM (starting Python with numpy, pandas and matplotlib takes a
 * moment), closed when the JVM exits. Each test thread gets its own session, so tests do not see each other's state.
 */
public final class SharedSandbox {

    private static CodeInterpreter sandbox;

    private SharedSandbox() {}

    /** The sandbox: 30 s per execution, 8 KiB of logs. */
    public static synchronized CodeInterpreter get() {
        if (sandbox == null) {
            sandbox = BubblewrapSandbox.create(
                    CodeInterpreterSettings.DEFAULTS
                            .withWallTimeout(Duration.ofSeconds(30))
                            .withMaxOutputBytes(8192),
                    SandboxOptions.DEFAULTS);
            CodeInterpreter created = sandbox;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close));
        }
        return sandbox;
    }

    /** A sandbox of its own whose executions time out after {@code timeout}, with no pre-started interpreter. */
    static CodeInterpreter withTimeout(Duration timeout) {
        return BubblewrapSandbox.create(
                CodeInterpreterSettings.DEFAULTS.withWallTimeout(timeout).withCpuTime(timeout),
                SandboxOptions.DEFAULTS.withWarmSessions(0).withPreloadModules(java.util.List.of()));
    }
}
