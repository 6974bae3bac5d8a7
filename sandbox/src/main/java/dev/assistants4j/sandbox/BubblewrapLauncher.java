package dev.assistants4j.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the driver in bubblewrap: every namespace unshared (so no network at all, not even loopback), no further user
 * namespaces, all capabilities dropped, a seccomp filter ({@link SeccompFilter}), a read-only {@code /usr} (with the
 * {@code /bin}, {@code /lib*} links) and a handful of {@code /etc} files Python and its libraries read, fresh
 * {@code /proc}, {@code /dev} and a size-capped {@code /tmp} and {@code /dev/shm}, a private tmpfs of
 * {@code maxSessionBytes} at {@code /mnt/data} (so code cannot fill the host's disk: writing more fails with
 * {@code ENOSPC}; the host reaches it through {@link SandboxData}), everything else (the sandbox's root and
 * {@code /dev} included) remounted read-only, and an empty environment but for a few variables.
 *
 * <p>The sandbox is started through a small fixed shell script that runs as the server's user: it joins the
 * sandbox's cgroups, opens the driver files, passwd, group, the seccomp program and bubblewrap's argument file on
 * numbered descriptors, and only then becomes bubblewrap (as an unprivileged user through {@code setpriv} when the
 * server is root, because the kernel ignores process limits for root). Bubblewrap copies the files from those
 * descriptors into the sandbox, so the sandbox user needs no access to the server's data directory (which may be
 * private to the server's user), no host path is bind-mounted (none shows in the sandbox's {@code mountinfo}), and
 * bubblewrap's command line (the sandbox's {@code /proc/1/cmdline}) names none.
 */
final class BubblewrapLauncher implements Launcher {

    static final String SANDBOX_UID = "1000";
    static final String ARGS = "bwrap.args";
    static final String SECCOMP = "seccomp.bpf";
    private static final long SHM_BYTES = 64L << 20;
    private static final String DRIVER_IN_SANDBOX = "/opt/a4j/";
    private static final List<String> ROOT_LINKS = List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");
    private static final List<String> ETC_FILES =
            List.of("/etc/ld.so.cache", "/etc/alternatives", "/etc/localtime", "/etc/matplotlibrc", "/etc/fonts");
    private static final Map<String, String> ENV = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "HOME", "/tmp",
            "LANG", "C.UTF-8",
            "TMPDIR", "/tmp",
            "MPLBACKEND", "module://a4j_mpl_backend",
            "MPLCONFIGDIR", "/tmp/.matplotlib",
            "OPENBLAS_NUM_THREADS", "1",
            "OMP_NUM_THREADS", "1",
            "MKL_NUM_THREADS", "1",
            "PYTHONDONTWRITEBYTECODE", "1");
    /**
     * Arguments: the files to write the shell's pid into (cgroups), {@code --}, the driver directory, then the command
     * to become. The descriptors match {@link #bwrapArgs}.
     */
    private static final String SCRIPT = "set -e\nunset PWD\n"
            + "while [ \"$1\" != -- ]; do echo $$ >\"$1\"; shift; done\n"
            + "shift\n"
            + "exec 3<\"$1/" + ARGS + "\" 4<\"$1/" + DriverFiles.DRIVER + "\" 5<\"$1/" + DriverFiles.MPL_BACKEND
            + "\" 6<\"$1/" + DriverFiles.PASSWD + "\" 7<\"$1/" + DriverFiles.GROUP + "\" 8<\"$1/" + SECCOMP + "\"\n"
            + "shift\n"
            + "exec \"$@\"\n";

    private final Path bwrap;
    private final Path python;
    private final Path driverDir;
    private final Optional<Integer> runAs;
    private final String isolation;

    private BubblewrapLauncher(Path bwrap, Path python, Path driverDir, Optional<Integer> runAs, String isolation) {
        this.bwrap = bwrap;
        this.python = python;
        this.driverDir = driverDir;
        this.runAs = runAs;
        this.isolation = isolation;
    }

    /**
     * Writes bubblewrap's argument file and the seccomp program into {@code driverDir} (made by {@link DriverFiles})
     * and returns the launcher.
     *
     * @param runAs the host user bubblewrap runs as, when not the server's
     * @param version bubblewrap's, for {@link #isolation()}
     */
    static BubblewrapLauncher prepare(
            Path bwrap,
            Path python,
            Path driverDir,
            Optional<Integer> runAs,
            long tmpBytes,
            long dataBytes,
            String version,
            Optional<SeccompFilter> seccomp) {
        try {
            DriverFiles.write(
                    driverDir.resolve(ARGS), nulSeparated(bwrapArgs(tmpBytes, dataBytes, seccomp.isPresent())));
            DriverFiles.write(
                    driverDir.resolve(SECCOMP),
                    seccomp.map(SeccompFilter::program).orElse(new byte[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String isolation = version + (seccomp.isPresent() ? ", seccomp" : ", no seccomp filter on this architecture");
        return new BubblewrapLauncher(bwrap, python, driverDir, runAs, isolation);
    }

    /** Bubblewrap's options, read from descriptor 3; the other descriptors are opened by {@link #SCRIPT}. */
    private static List<String> bwrapArgs(long tmpBytes, long dataBytes, boolean seccomp) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"));
        args.addAll(List.of("--new-session", "--cap-drop", "ALL", "--hostname", "sandbox"));
        args.addAll(List.of("--uid", SANDBOX_UID, "--gid", SANDBOX_UID));
        if (seccomp) args.addAll(List.of("--seccomp", "8"));
        args.addAll(List.of("--ro-bind", "/usr", "/usr"));
        args.addAll(rootLayout());
        for (String etc : ETC_FILES) args.addAll(List.of("--ro-bind-try", etc, etc));
        args.addAll(List.of("--perms", "0444", "--file", "6", "/etc/passwd"));
        args.addAll(List.of("--perms", "0444", "--file", "7", "/etc/group"));
        args.addAll(List.of("--perms", "0444", "--file", "4", DRIVER_IN_SANDBOX + DriverFiles.DRIVER));
        args.addAll(List.of("--perms", "0444", "--file", "5", DRIVER_IN_SANDBOX + DriverFiles.MPL_BACKEND));
        args.addAll(
                List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(SHM_BYTES), "--tmpfs", "/dev/shm"));
        args.addAll(List.of("--size", Long.toString(tmpBytes), "--tmpfs", "/tmp"));
        args.addAll(List.of("--size", Long.toString(dataBytes), "--tmpfs", "/mnt/data", "--chdir", "/mnt/data"));
        args.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
        args.add("--clearenv");
        ENV.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
        return args;
    }

    private static byte[] nulSeparated(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String arg : args) {
            out.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The links (or read-only binds) of {@code /bin}, {@code /lib} and the like, as on the host. */
    private static List<String> rootLayout() {
        List<String> args = new ArrayList<>();
        for (String name : ROOT_LINKS) {
            Path path = Path.of(name);
            try {
                if (Files.isSymbolicLink(path)) {
                    args.addAll(
                            List.of("--symlink", Files.readSymbolicLink(path).toString(), name));
                } else if (Files.isDirectory(path)) {
                    args.addAll(List.of("--ro-bind", name, name));
                }
            } catch (IOException e) {
                // not there on this host: nothing to mirror
            }
        }
        return args;
    }

    @Override
    public ProcessBuilder builder(Path dataDir, String limitsJson, List<Path> joinFiles) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "a4j-sandbox"));
        joinFiles.forEach(file -> cmd.add(file.toString()));
        cmd.addAll(List.of("--", driverDir.toString()));
        runAs.ifPresent(
                uid -> cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups")));
        cmd.addAll(List.of(bwrap.toString(), "--args", "3"));
        cmd.addAll(List.of("--", python.toString(), "-I", "-B", DRIVER_IN_SANDBOX + DriverFiles.DRIVER, limitsJson));
        // The directory: one every user can enter (the sandbox user may not reach the data directory).
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(Path.of("/").toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"));
        return builder;
    }

    @Override
    public boolean privateDataDir() {
        return true;
    }

    @Override
    public boolean ownPidNamespace() {
        return true;
    }

    @Override
    public boolean limitsProcesses() {
        return true;
    }

    @Override
    public String isolation() {
        return isolation;
    }
}
