package dev.assistants4j.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Facts about the host the sandboxes run on. */
final class Host {

    private Host() {}

    /** Whether the server runs as root (then the kernel would not enforce process limits on its children). */
    static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The work directory: {@code configured} (created if needed) or a new one under {@code java.io.tmpdir}; private to
     * the server's user (sandboxes get what they need through descriptors, see {@link BubblewrapLauncher}).
     */
    static Path workDir(Optional<Path> configured) {
        try {
            Path dir = configured.isPresent()
                    ? Files.createDirectories(configured.get())
                    : Files.createTempDirectory("assistants4j-sandbox-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the code interpreter's work directory", e);
        }
    }

    /** The first line {@code command} prints, or empty when it cannot run within a few seconds. */
    static Optional<String> firstLine(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? out.lines().findFirst() : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
