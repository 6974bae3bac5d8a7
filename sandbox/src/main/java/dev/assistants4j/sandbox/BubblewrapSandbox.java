package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code interpreter, isolated by bubblewrap (Linux). Each session is one long-lived Python driver in its own
 * sandbox:
 *
 * <ul>
 *   <li><b>no network</b>: a new, empty network namespace (not even a loopback interface is up);
 *   <li><b>read-only system</b>: only {@code /usr} (with {@code /bin} and {@code /lib*} links), a few {@code /etc}
 *       files Python needs (the loader cache, alternatives, localtime, fonts, matplotlibrc) and a synthetic
 *       passwd are visible, read-only; the host's {@code /etc}, {@code /root}, {@code /home} and the server's data
 *       are not there at all; {@code /tmp} is a private, size-capped tmpfs; the only other writable place is
 *       {@code /mnt/data}, a private tmpfs of {@link CodeInterpreterSettings#maxSessionBytes()} (so the files of a
 *       session never take more, and never the host's disk: writing beyond fails with {@code ENOSPC});
 *   <li><b>no host secrets</b>: an empty environment but for a few fixed variables; new pid, ipc, uts, cgroup and user
 *       namespaces, all capabilities dropped, no further user namespaces; no host path in the sandbox's mount table
 *       or in {@code /proc/1/cmdline} (the driver files are copied in, see {@link BubblewrapLauncher});
 *   <li><b>a seccomp filter</b> ({@link SeccompFilter}): system calls Python's data stack never needs fail with
 *       {@code EPERM};
 *   <li><b>per-session caps</b> ({@link SessionLimits}): memory (the processes and the files in the tmpfs
 *       directories together), processes and CPU of the whole session, by a cgroup where the host allows it,
 *       otherwise by a memory watchdog;
 *   <li><b>per-process limits</b> (set by the driver with {@code setrlimit} before any user code runs): address space (a
 *       memory hog gets a {@code MemoryError}), processes (a fork bomb's forks fail; the kernel counts them per
 *       sandbox, as each has its own user namespace; when the server runs as root, bubblewrap runs as
 *       {@link SandboxOptions#sandboxUid()}, since root ignores the limit), file size, CPU time per execution (the
 *       code gets an exception); the wall time is enforced here, by killing the whole sandbox; the logs are capped.
 *       After each execution every process the code left behind is killed.
 * </ul>
 *
 * <p>A timeout or crash kills the session's interpreter and the next execution starts a new one; the files in
 * {@code /mnt/data} are kept (the old sandbox's tmpfs is held open, then copied into the new one's). A server restart
 * loses them, as they live in memory. Create with {@link #create}; thread-safe.
 */
public final class BubblewrapSandbox extends PooledCodeInterpreter {

    private static final Logger log = LoggerFactory.getLogger(BubblewrapSandbox.class);

    private BubblewrapSandbox(SessionPool pool, String isolation) {
        super(pool, isolation);
    }

    /**
     * Checks that bubblewrap can create sandboxes here (by starting one) and returns the code interpreter.
     *
     * @throws CodeInterpreterUnavailableException when bubblewrap or Python is missing, or a sandbox cannot start;
     *     the message says why and what to install or enable
     */
    public static BubblewrapSandbox create(CodeInterpreterSettings settings, SandboxOptions options) {
        if (!Files.isExecutable(options.bwrap())) {
            throw new CodeInterpreterUnavailableException("code_interpreter needs bubblewrap, which is not installed ("
                    + options.bwrap() + " is missing). Install it with: " + Prerequisites.installCommand()
                    + " (or disable the code_interpreter tool). Running model-written code without isolation is"
                    + " possible only with the explicit development setting allowUnsandboxedCodeExecution.");
        }
        requirePython(options.python());
        boolean root = Host.root();
        if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            throw new CodeInterpreterUnavailableException("code_interpreter runs as root and needs /usr/bin/setpriv"
                    + " (util-linux) to run sandboxes as an unprivileged user; install util-linux.");
        }
        String version = Host.firstLine(options.bwrap().toString(), "--version").orElse("bubblewrap");
        Path workDir = Host.workDir(options.workDir());
        Optional<Integer> runAs = root ? Optional.of(options.sandboxUid()) : Optional.empty();
        Optional<SeccompFilter> seccomp = SeccompFilter.forHost();
        if (seccomp.isEmpty()) {
            log.warn("code_interpreter: no seccomp filter for the architecture {}", System.getProperty("os.arch"));
        }
        BubblewrapLauncher launcher = BubblewrapLauncher.prepare(
                options.bwrap(),
                options.python(),
                DriverFiles.write(workDir.resolve("driver")),
                runAs,
                settings.maxFileBytes(),
                settings.maxSessionBytes(),
                version,
                seccomp);
        SessionLimits limits = SessionLimits.choose(caps(settings), options.cgroups());
        SessionFiles files = new SessionFiles(workDir, options.workDir().isEmpty(), settings.maxFileBytes());
        files.deleteStale();
        SessionPool pool = new SessionPool(launcher, limits, settings, options, files);
        try {
            pool.start();
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw new CodeInterpreterUnavailableException(StartFailure.explain(e.getMessage(), runAs), e);
        }
        return new BubblewrapSandbox(pool, launcher.isolation() + ", " + limits.describe());
    }

    /**
     * The isolation sandboxes get on this host, as {@link #isolation()} will say once one starts: bubblewrap's version,
     * the seccomp filter, and the session caps, found by setting up the session limits and taking them down again
     * (so a server can say it at start, before it starts any Python). Expects bubblewrap to be installed.
     */
    public static String isolation(CodeInterpreterSettings settings, SandboxOptions options) {
        String version = Host.firstLine(options.bwrap().toString(), "--version").orElse("bubblewrap");
        String seccomp = SeccompFilter.forHost().isPresent() ? ", seccomp" : ", no seccomp filter on this architecture";
        try (SessionLimits limits = SessionLimits.choose(caps(settings), options.cgroups())) {
            return version + seccomp + ", " + limits.describe();
        }
    }

    /** The caps of one session: its memory and processes as configured, one CPU. */
    static SessionLimits.Caps caps(CodeInterpreterSettings settings) {
        return new SessionLimits.Caps(settings.memoryBytes(), settings.maxProcesses(), 1);
    }

    static void requirePython(Path python) {
        if (!Files.isExecutable(python)) {
            throw new CodeInterpreterUnavailableException(
                    "code_interpreter needs " + python + ". Install it with: " + Prerequisites.installCommand());
        }
    }
}
