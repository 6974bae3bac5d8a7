package dev.assistants4j.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** Looks into the sandboxes this test JVM started. */
final class SandboxProcesses {

    private SandboxProcesses() {}

    /** Whether a running sandbox has a file {@code /mnt/data/started} (its private tmpfs, seen from the host). */
    static boolean started() {
        return ProcessHandle.current()
                .descendants()
                .anyMatch(p -> Files.exists(Path.of("/proc", Long.toString(p.pid()), "root/mnt/data/started")));
    }
}
