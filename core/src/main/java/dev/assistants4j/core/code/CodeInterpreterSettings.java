package dev.assistants4j.core.code;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Limits of code interpreter sessions.
 *
 * @param wallTimeout the wall time one execution may take before its session is killed
 * @param cpuTime the CPU time one execution may use in the interpreter process before it is interrupted (each
 *     process it starts has the same allowance)
 * @param memoryBytes the memory of a session as a whole (its processes together, and the files they write in its
 *     in-memory directories, where the host lets it be capped so; see the sandbox module), and the address space of
 *     each of its processes
 * @param maxProcesses the number of processes (threads included) a session may run at once
 * @param maxFileBytes the largest file the code may write; also the largest output file returned
 * @param maxOutputBytes the most log bytes returned per execution
 * @param idleExpiry a session unused for this long is closed (its state and files are gone)
 * @param maxSessions the most sessions alive at once; opening one more closes the least recently used idle one
 * @param maxSessionBytes the most bytes all files in a session's {@code /mnt/data} may take together; writing more
 *     fails in the code with {@code ENOSPC} ("No space left on device"). In the bubblewrap sandbox {@code /mnt/data}
 *     is a tmpfs of this size, which takes memory as it fills (counted in {@code memoryBytes} where the session is
 *     capped by a cgroup)
 */
public record CodeInterpreterSettings(
        Duration wallTimeout,
        Duration cpuTime,
        long memoryBytes,
        int maxProcesses,
        long maxFileBytes,
        int maxOutputBytes,
        Duration idleExpiry,
        int maxSessions,
        long maxSessionBytes) {

    /** 60 s wall, 60 s CPU, 1 GiB, 64 processes, 100 MiB files, 64 KiB logs, 20 min idle expiry, 16 sessions,
     * 1 GiB of files per session.
     */
    public static final CodeInterpreterSettings DEFAULTS = new CodeInterpreterSettings(
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            1L << 30,
            64,
            100L << 20,
            64 << 10,
            Duration.ofMinutes(20),
            16,
            1L << 30);

    public CodeInterpreterSettings {
        positive(wallTimeout, "wallTimeout");
        positive(cpuTime, "cpuTime");
        positive(idleExpiry, "idleExpiry");
        if (memoryBytes < (64L << 20)) throw new IllegalArgumentException("memoryBytes must be at least 64 MiB");
        if (maxProcesses < 1 || maxFileBytes < 1 || maxOutputBytes < 1 || maxSessions < 1) {
            throw new IllegalArgumentException(
                    "maxProcesses, maxFileBytes, maxOutputBytes and maxSessions must be > 0");
        }
        if (maxSessionBytes < 1) throw new IllegalArgumentException("maxSessionBytes must be > 0");
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException(name + " must be > 0");
    }

    public CodeInterpreterSettings withWallTimeout(Duration value) {
        return with(copy -> copy.wallTimeout = value);
    }

    public CodeInterpreterSettings withCpuTime(Duration value) {
        return with(copy -> copy.cpuTime = value);
    }

    public CodeInterpreterSettings withMaxProcesses(int value) {
        return with(copy -> copy.maxProcesses = value);
    }

    public CodeInterpreterSettings withMaxOutputBytes(int value) {
        return with(copy -> copy.maxOutputBytes = value);
    }

    public CodeInterpreterSettings withIdleExpiry(Duration value) {
        return with(copy -> copy.idleExpiry = value);
    }

    public CodeInterpreterSettings withMaxSessions(int value) {
        return with(copy -> copy.maxSessions = value);
    }

    public CodeInterpreterSettings withMaxSessionBytes(long value) {
        return with(copy -> copy.maxSessionBytes = value);
    }

    /** These settings with {@code change} made to a copy of them (checked again). */
    private CodeInterpreterSettings with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.settings();
    }

    /** The components of settings being changed. */
    private static final class Draft {
        Duration wallTimeout;
        Duration cpuTime;
        long memoryBytes;
        int maxProcesses;
        long maxFileBytes;
        int maxOutputBytes;
        Duration idleExpiry;
        int maxSessions;
        long maxSessionBytes;

        Draft(CodeInterpreterSettings from) {
            wallTimeout = from.wallTimeout;
            cpuTime = from.cpuTime;
            memoryBytes = from.memoryBytes;
            maxProcesses = from.maxProcesses;
            maxFileBytes = from.maxFileBytes;
            maxOutputBytes = from.maxOutputBytes;
            idleExpiry = from.idleExpiry;
            maxSessions = from.maxSessions;
            maxSessionBytes = from.maxSessionBytes;
        }

        CodeInterpreterSettings settings() {
            return new CodeInterpreterSettings(
                    wallTimeout,
                    cpuTime,
                    memoryBytes,
                    maxProcesses,
                    maxFileBytes,
                    maxOutputBytes,
                    idleExpiry,
                    maxSessions,
                    maxSessionBytes);
        }
    }
}
