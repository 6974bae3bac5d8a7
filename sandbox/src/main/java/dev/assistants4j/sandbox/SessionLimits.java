package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.LoggerFactory;

/**
 * How the processes of one session's sandbox are held, as a whole, to the session's memory, process and CPU caps:
 * a cgroup per sandbox (v2, or v1 where the host has it), or, where neither can be written (a server that is not
 * root and has no delegated cgroup), a watchdog that sums the sandbox's memory and kills past the cap. Chosen once
 * when the code interpreter starts ({@link #choose}); the process rlimits the driver sets apply on top in every case.
 * Implementations are thread-safe.
 */
sealed interface SessionLimits extends AutoCloseable permits CgroupV2Limits, CgroupV1Limits, MemoryWatchdog {

    /**
     * The caps of one session.
     *
     * @param memoryBytes the memory of all its processes together, and of the files they write in its tmpfs
     *     directories ({@code /mnt/data}, {@code /tmp}, {@code /dev/shm}), which live in memory
     * @param processes the processes (threads included) it may run at once
     * @param cpus the CPUs' worth of time it may use (a quota, not a pinning)
     */
    record Caps(long memoryBytes, int processes, int cpus) {

        String describe() {
            return (memoryBytes >> 20) + " MiB, " + processes + " processes, " + cpus + " CPU" + (cpus == 1 ? "" : "s")
                    + " per session";
        }
    }

    /** The group of one sandbox's processes, from before its first process starts until it is killed. */
    interface Group extends AutoCloseable {

        /** The files the sandbox's first process writes its pid into to join the group, before it runs anything. */
        List<Path> joinFiles();

        /** Called once the sandbox's first process runs. */
        default void started(ProcessHandle process) {}

        /** The most memory the group has held, when known. */
        OptionalLong peakMemoryBytes();

        /** Kills whatever is left in the group and removes it. */
        @Override
        void close();
    }

    /** A group for a new sandbox, its caps already in force. */
    Group open() throws IOException;

    /** For logs and {@link dev.assistants4j.core.code.CodeInterpreter#isolation()}. */
    String describe();

    /** Stops what these limits run (their groups are closed by their sandboxes). */
    @Override
    void close();

    /**
     * The strongest limits this host allows: cgroup v2 when this process's group may be given children with the
     * memory, pids and cpu controllers, else cgroup v1 when its memory, pids and cpu hierarchies are writable, else
     * the watchdog. Groups left by an earlier process of this server are removed.
     *
     * @param cgroups false to use the watchdog even where cgroups could be used
     */
    static SessionLimits choose(Caps caps, boolean cgroups) {
        if (!cgroups) return new MemoryWatchdog(caps);
        CgroupHost host = CgroupHost.current();
        long self = ProcessHandle.current().pid();
        String v2Failure = "not mounted";
        Optional<Path> v2 = host.v2();
        if (v2.isPresent()) {
            try {
                return CgroupV2Limits.setUp(v2.get(), caps, self);
            } catch (IOException | RuntimeException e) {
                v2Failure = e.toString();
            }
        }
        try {
            return CgroupV1Limits.setUp(host, caps, self);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(SessionLimits.class)
                    .info(
                            "code_interpreter: no cgroup can be used to cap sessions (v2: {}; v1: {}); a watchdog"
                                    + " caps each session's memory instead",
                            v2Failure,
                            e.toString());
        }
        return new MemoryWatchdog(caps);
    }
}
