package dev.assistants4j.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How sessions are started (the limits are in {@link dev.assistants4j.core.code.CodeInterpreterSettings}).
 *
 * @param python the interpreter run in the sandbox: Debian's {@code /usr/bin/python3} with numpy, pandas and
 *     matplotlib from Debian packages (not a pyenv or virtualenv python, whose files live outside {@code /usr})
 * @param bwrap the bubblewrap executable
 * @param workDir where the driver scripts and per-session directories are created; empty: a new directory under
 *     {@code java.io.tmpdir}. Made private to the server's user (the sandbox user needs no access). In the bubblewrap sandbox the code's
 *     {@code /mnt/data} is not here but a private tmpfs of {@code maxSessionBytes}; the unsandboxed interpreter
 *     runs code in a directory here, with no cap on the files' total size
 * @param sandboxUid when the server runs as root: the unprivileged host user id sandboxes run as (the kernel does not
 *     enforce process limits for root). Ignored otherwise: sandboxes then run as the server's user
 * @param warmSessions how many pre-started idle interpreters to keep ready, so a new session starts fast
 * @param preloadModules modules a pre-started interpreter imports while it waits (ignored when missing)
 * @param cgroups whether to cap each session with a cgroup where the host allows it (one per session: memory, processes and CPU as a whole);
 *     false: with the memory watchdog, as on a host without a writable cgroup
 */
public record SandboxOptions(
        Path python,
        Path bwrap,
        Optional<Path> workDir,
        int sandboxUid,
        int warmSessions,
        List<String> preloadModules,
        boolean cgroups) {

    /**
     * {@code /usr/bin/python3}, {@code bwrap} from {@code /usr/bin}, a temporary work dir, uid 65534, one warm,
     * cgroups where possible.
     */
    public static final SandboxOptions DEFAULTS = new SandboxOptions(
            Path.of("/usr/bin/python3"),
            Path.of("/usr/bin/bwrap"),
            Optional.empty(),
            65534,
            1,
            List.of("numpy", "pandas", "matplotlib.pyplot"),
            true);

    public SandboxOptions {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(workDir, "workDir");
        preloadModules = List.copyOf(preloadModules);
        if (sandboxUid <= 0) throw new IllegalArgumentException("sandboxUid must be an unprivileged user id");
        if (warmSessions < 0) throw new IllegalArgumentException("warmSessions must be >= 0");
    }

    public SandboxOptions withWarmSessions(int value) {
        return new SandboxOptions(python, bwrap, workDir, sandboxUid, value, preloadModules, cgroups);
    }

    public SandboxOptions withPreloadModules(List<String> value) {
        return new SandboxOptions(python, bwrap, workDir, sandboxUid, warmSessions, value, cgroups);
    }

    public SandboxOptions withWorkDir(Path value) {
        return new SandboxOptions(python, bwrap, Optional.of(value), sandboxUid, warmSessions, preloadModules, cgroups);
    }

    public SandboxOptions withCgroups(boolean value) {
        return new SandboxOptions(python, bwrap, workDir, sandboxUid, warmSessions, preloadModules, value);
    }

    public SandboxOptions withPaths(Path pythonValue, Path bwrapValue) {
        return new SandboxOptions(pythonValue, bwrapValue, workDir, sandboxUid, warmSessions, preloadModules, cgroups);
    }
}
