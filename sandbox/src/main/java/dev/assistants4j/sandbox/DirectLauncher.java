package dev.assistants4j.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the driver as a plain child process of the server: no isolation at all (development only). */
record DirectLauncher(Path python, Path driverDir, boolean root) implements Launcher {

    @Override
    public ProcessBuilder builder(Path dataDir, String limitsJson, List<Path> joinFiles) {
        if (!joinFiles.isEmpty()) throw new IllegalArgumentException("the unsandboxed driver joins no cgroup");
        ProcessBuilder builder = new ProcessBuilder(command(limitsJson)).directory(dataDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(dataDir));
        return builder;
    }

    private List<String> command(String limitsJson) {
        return List.of(
                python.toString(),
                "-I",
                "-B",
                driverDir.resolve(DriverFiles.DRIVER).toString(),
                limitsJson);
    }

    private Map<String, String> environment(Path dataDir) {
        return Map.of(
                "PATH", "/usr/local/bin:/usr/bin:/bin",
                "HOME", dataDir.toString(),
                "LANG", "C.UTF-8",
                "A4J_DATA_DIR", dataDir.toString(),
                "MPLBACKEND", "module://a4j_mpl_backend",
                "MPLCONFIGDIR", driverDir.resolveSibling("matplotlib").toString(),
                "OPENBLAS_NUM_THREADS", "1",
                "OMP_NUM_THREADS", "1",
                "PYTHONDONTWRITEBYTECODE", "1");
    }

    @Override
    public boolean ownPidNamespace() {
        return false;
    }

    @Override
    public boolean limitsProcesses() {
        return false; // RLIMIT_NPROC counts every process of the server's user, the JVM's threads included
    }

    @Override
    public String isolation() {
        return root ? "none (running as root!)" : "none";
    }
}
