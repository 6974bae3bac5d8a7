package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the driver in bubblewrap: every namespace unshared (so no network at all, not even loopback), no further user
 * namespaces, all capabilities dropped, a read-only {@code /usr} (with the {@code /bin}, {@code /lib*} links) and a
 * handful of {@code /etc} files Python and its libraries read, fresh {@code /proc}, {@code /dev} and a size-capped
 * {@code /tmp} and {@code /dev/shm}, a private tmpfs of {@code maxSessionBytes} at {@code /mnt/data} (so code cannot fill
 * the host's disk: writing more fails with {@code ENOSPC}; the host reaches it through {@link SandboxData}), everything else
 * (the sandbox's root and {@code /dev} included) remounted read-only, and an empty environment but for a few
 * variables. When the server runs as root, bubblewrap itself runs as an unprivileged user (through {@code setpriv}),
 * because the kernel ignores process limits for root.
 */
final class BubblewrapLauncher implements Launcher {

    static final String SANDBOX_UID = "1000";
    private static final long SHM_BYTES = 64L << 20;
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

    private final Path bwrap;
    private final Path python;
    private final Path driverDir;
    private final Optional<Integer> runAs;
    private final long tmpBytes;
    private final long dataBytes;
    private final String version;
    private final List<String> rootLayout;

    BubblewrapLauncher(
            Path bwrap,
            Path python,
            Path driverDir,
            Optional<Integer> runAs,
            long tmpBytes,
            long dataBytes,
            String version) {
        this.bwrap = bwrap;
        this.python = python;
        this.driverDir = driverDir;
        this.runAs = runAs;
        this.tmpBytes = tmpBytes;
        this.dataBytes = dataBytes;
        this.version = version;
        this.rootLayout = rootLayout();
    }

    @Override
    public List<String> command(Path dataDir, String limitsJson) {
        List<String> cmd = new ArrayList<>();
        runAs.ifPresent(
                uid -> cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups")));
        cmd.add(bwrap.toString());
        cmd.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"));
        cmd.addAll(List.of("--new-session", "--cap-drop", "ALL", "--hostname", "sandbox"));
        cmd.addAll(List.of("--uid", SANDBOX_UID, "--gid", SANDBOX_UID));
        cmd.addAll(List.of("--ro-bind", "/usr", "/usr"));
        cmd.addAll(rootLayout);
        for (String etc : ETC_FILES) cmd.addAll(List.of("--ro-bind-try", etc, etc));
        cmd.addAll(List.of("--ro-bind", driverDir.resolve("passwd").toString(), "/etc/passwd"));
        cmd.addAll(List.of("--ro-bind", driverDir.resolve("group").toString(), "/etc/group"));
        cmd.addAll(
                List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(SHM_BYTES), "--tmpfs", "/dev/shm"));
        cmd.addAll(List.of("--size", Long.toString(tmpBytes), "--tmpfs", "/tmp"));
        cmd.addAll(List.of("--ro-bind", driverDir.toString(), "/opt/a4j"));
        cmd.addAll(List.of("--size", Long.toString(dataBytes), "--tmpfs", "/mnt/data", "--chdir", "/mnt/data"));
        cmd.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
        cmd.add("--clearenv");
        ENV.forEach((name, value) -> cmd.addAll(List.of("--setenv", name, value)));
        cmd.addAll(List.of("--", python.toString(), "-I", "-B", "/opt/a4j/" + DriverFiles.DRIVER, limitsJson));
        return cmd;
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
    public Map<String, String> environment(Path dataDir) {
        return Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
    }

    @Override
    public Optional<Integer> owner() {
        return runAs;
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
        return version;
    }
}
