package dev.assistants4j.sandbox;

import java.nio.file.Path;
import java.util.List;

/** Builds the process that runs the driver for one session; thread-safe. */
interface Launcher {

    /**
     * The process running {@code a4j_driver.py} with {@code dataDir} as its {@code /mnt/data}, its directory and whole
     * environment set; its first process writes its pid into each of {@code joinFiles} (a
     * {@link SessionLimits.Group}'s) before it runs anything else.
     */
    ProcessBuilder builder(Path dataDir, String limitsJson, List<Path> joinFiles);

    /**
     * Whether {@code /mnt/data} is the sandbox's own size-capped file system, reached through {@link SandboxData}
     * (and gone with the sandbox), rather than {@code dataDir} itself.
     */
    default boolean privateDataDir() {
        return false;
    }

    /** Whether the driver runs in its own pid namespace, so that it may end every other process it sees. */
    boolean ownPidNamespace();

    /** Whether the kernel enforces a process limit set inside (false for root without a user switch). */
    boolean limitsProcesses();

    /** For diagnostics: e.g. {@code bubblewrap 0.8.0, seccomp} or {@code none}. */
    String isolation();
}
