package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.CodeInterpreterUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
 *       namespaces, all capabilities dropped, no further user namespaces;
 *   <li><b>limits</b> (set by the driver with {@code setrlimit} before any user code runs): address space (a memory
 *       hog gets a {@code MemoryError}), processes (a fork bomb's forks fail; the kernel counts them per sandbox, as
 *       each has its own user namespace; when the server runs as root, bubblewrap runs as
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

    private BubblewrapSandbox(SessionPool pool, String isolation) {
        super(pool, isolation);
    }

    /**
     * Checks that bubblewrap can create sandboxes here (by starting one) and returns the code interpreter.
     *
     * @throws CodeInterpreterUnavailableException when bubblewrap or Python is missing, or bubblewrap cannot create
     *     namespaces; the message says what to install or enable
     */
    public static BubblewrapSandbox create(CodeInterpreterSettings settings, SandboxOptions options) {
        if (!Files.isExecutable(options.bwrap())) {
            throw new CodeInterpreterUnavailableException("code_interpreter needs bubblewrap, which is not installed ("
                    + options.bwrap() + " is missing). Install it (Debian/Ubuntu: apt-get install bubblewrap), or"
                    + " disable the code_interpreter tool. Running model-written code without isolation is possible"
                    + " only with the explicit development setting allowUnsandboxedCodeExecution.");
        }
        requirePython(options.python());
        boolean root = Host.root();
        if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            throw new CodeInterpreterUnavailableException("code_interpreter runs as root and needs /usr/bin/setpriv"
                    + " (util-linux) to run sandboxes as an unprivileged user; install util-linux.");
        }
        String version = Host.firstLine(options.bwrap().toString(), "--version").orElse("bubblewrap");
        Path workDir = Host.workDir(options.workDir());
        Path driverDir = DriverFiles.write(workDir.resolve("driver"));
        Optional<Integer> runAs = root ? Optional.of(options.sandboxUid()) : Optional.empty();
        BubblewrapLauncher launcher = new BubblewrapLauncher(
                options.bwrap(),
                options.python(),
                driverDir,
                runAs,
                settings.maxFileBytes(),
                settings.maxSessionBytes(),
                version);
        SessionFiles files = new SessionFiles(workDir, options.workDir().isEmpty(), runAs, settings.maxFileBytes());
        files.deleteStale();
        SessionPool pool = new SessionPool(launcher, settings, options, files);
        try {
            pool.start();
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw new CodeInterpreterUnavailableException(
                    "code_interpreter: bubblewrap cannot create a sandbox on"
                            + " this host (" + e.getMessage() + "). It needs unprivileged user namespaces"
                            + " (sysctl user.max_user_namespaces > 0, and kernel.unprivileged_userns_clone=1 or"
                            + " kernel.apparmor_restrict_unprivileged_userns=0 where those exist); in a container, allow"
                            + " them (e.g. a seccomp profile permitting unshare/clone with CLONE_NEWUSER).",
                    e);
        }
        return new BubblewrapSandbox(pool, version);
    }

    static void requirePython(Path python) {
        if (!Files.isExecutable(python)) {
            throw new CodeInterpreterUnavailableException("code_interpreter needs " + python + " (Debian:"
                    + " apt-get install python3 python3-numpy python3-pandas python3-matplotlib).");
        }
    }
}
