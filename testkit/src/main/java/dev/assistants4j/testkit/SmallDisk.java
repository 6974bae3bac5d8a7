package dev.assistants4j.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for a test, to fill up as a disk fills in service. Mounting needs root, which CI has: there
 * a failure to mount fails the test; elsewhere it skips it. Not thread-safe.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code megabytes} (mode 0700) on {@code mountPoint}, an empty directory created here. */
    public static SmallDisk mount(Path mountPoint, int megabytes) {
        try {
            Files.createDirectories(mountPoint);
            String options = "size=" + megabytes + "m,mode=0700";
            if (run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString()) != 0) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError("cannot mount a tmpfs (needs root), which CI provides");
                }
                Assumptions.abort("cannot mount a tmpfs here (needs root)");
            }
            return new SmallDisk(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes zeros to a new file until the disk has no space left; deleting the file frees the space again. */
    public Path fill() {
        Path filler = mountPoint.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw new UncheckedIOException(e);
            }
        }
        return filler;
    }

    /** Unmounts it (lazily, should something still hold a file there). */
    @Override
    public void close() {
        try {
            run("umount", "-l", mountPoint.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int status = process.waitFor();
            if (status != 0) {
                System.err.println(String.join(" ", command) + ": " + output);
            }
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
