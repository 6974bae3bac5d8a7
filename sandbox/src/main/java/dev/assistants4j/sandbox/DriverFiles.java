package dev.assistants4j.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes the driver scripts (shipped as resources) and a minimal passwd/group into a directory that only the server's
 * user can read: bubblewrap gets copies of them through descriptors the server's launch script opens, so the sandbox
 * user never needs to reach the server's files.
 */
final class DriverFiles {

    static final String DRIVER = "a4j_driver.py";
    static final String MPL_BACKEND = "a4j_mpl_backend.py";
    static final String PASSWD = "passwd";
    static final String GROUP = "group";
    private static final List<String> SCRIPTS = List.of(DRIVER, MPL_BACKEND);

    private DriverFiles() {}

    /** Creates {@code dir} (private to the server's user) with the scripts, passwd and group. */
    static Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            for (String script : SCRIPTS) {
                try (InputStream in = DriverFiles.class.getResourceAsStream(script)) {
                    if (in == null) throw new IllegalStateException("missing resource " + script);
                    write(dir.resolve(script), in.readAllBytes());
                }
            }
            write(dir.resolve(PASSWD), "sandbox:x:1000:1000:sandbox:/tmp:/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            write(dir.resolve(GROUP), "sandbox:x:1000:\n".getBytes(StandardCharsets.UTF_8));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code file}, readable by the server's user only. */
    static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
