package dev.assistants4j.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's data directory and what it creates inside: only the server's user may read them. A directory it
 * creates is {@code rwx------} and a file {@code rw-------}, whatever the process's umask (the database, uploaded
 * files and the search index hold every tenant's data). An existing directory is left as it is, with a warning when
 * others can read it. Thread-safe.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    /** {@code rw-------}, for files created with {@code Files.createFile} or {@code FileChannel.open}. */
    public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {}

    /**
     * Creates {@code dir} (and missing parents) {@code rwx------} when it does not exist yet; warns when an existing one
     * is open to others.
     *
     * @return {@code dir}
     */
    public static Path create(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                warnIfOpen(dir);
                return dir;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, ownerOnly());
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------")); // whatever the umask
            return dir;
        } catch (FileAlreadyExistsException e) {
            return dir; // created meanwhile by another caller
        } catch (UnsupportedOperationException e) {
            return createPlain(dir); // not a POSIX file system
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir, e);
        }
    }

    /** Creates an empty {@code rw-------} file at {@code file} unless it exists (e.g. before SQLite opens it). */
    public static void createPrivateFile(Path file) {
        try {
            Files.createFile(file, OWNER_ONLY_FILE);
        } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
            // there already, or no POSIX permissions here
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    private static void warnIfOpen(Path dir) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                LOG.warn(
                        "The data directory {} can be read by other users of this machine ({}); it holds every"
                                + " tenant's data: chmod 700 it.",
                        dir.toAbsolutePath(),
                        PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // nothing to say
        }
    }

    private static Path createPlain(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir, e);
        }
    }
}
