package dev.assistants4j.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library kept unpacked in the data dir ({@code cache/sqlite/<version>-<os>-<arch>/}) between
 * starts: by itself sqlite-jdbc unpacks it from the jar into the temporary directory at every start and compares the
 * copy with the jar's byte by byte, which took about a twelfth of the server's start. Points sqlite-jdbc at the kept
 * copy ({@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}), unless those are set already; when that copy
 * cannot be made or loaded, sqlite-jdbc unpacks its own as before. Thread-safe (the copy is renamed into place).
 */
final class SqliteNativeLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {}

    /** Makes sqlite-jdbc load its library from {@code cacheDir}, putting it there first when it is not. */
    static void keepIn(Path cacheDir) {
        if (System.getProperty(PATH) != null || System.getProperty(NAME) != null) {
            return;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        Path dir = cacheDir.resolve(String.join(
                        "-",
                        SQLiteJDBCLoader.getVersion(),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "_"));
        try {
            if (!Files.isRegularFile(dir.resolve(name)) && !unpack(dir, name)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("sqlite-jdbc's native library could not be kept in {}; it unpacks its own", dir, e);
            return;
        }
        System.setProperty(PATH, dir.toString());
        System.setProperty(NAME, name);
    }

    /** Copies the jar's library for this platform into {@code dir}; false when the jar has none for it. */
    private static boolean unpack(Path dir, String name) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            DataDirectory.create(dir.getParent());
            DataDirectory.create(dir);
            Path partial = Files.createTempFile(dir, name, ".partial", DataDirectory.OWNER_ONLY_FILE);
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        }
    }
}
