package dev.assistants4j.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the command that runs the driver for one session; thread-safe. */
interface Launcher {

    /** The command running {@code a4j_driver.py} with {@code dataDir} as its {@code /mnt/data}. */
    List<String> command(Path dataDir, String limitsJson);

    /** The whole environment of the started process. */
    Map<String, String> environment(Path dataDir);

    /** The host user id session files must belong to, when it differs from the server's. */
    Optional<Integer> owner();

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

    /** For diagnostics: e.g. {@code bubblewrap 0.8.0} or {@code none}. */
    String isolation();
}
