package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.SqlColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the server keeps on disk for uploaded files, read behind its back: the rows of the {@code files} table, the
 * blobs in {@code files/} and the parts spooled in {@code tmp/uploads/} during an upload.
 */
final class StoredFiles {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Path dataDir;

    StoredFiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The directory of the blobs. */
    Path blobDir() {
        return dataDir.resolve("files");
    }

    /** The ids in the {@code files} table, in upload order. */
    List<String> rowIds() {
        String url = "jdbc:sqlite:" + dataDir.resolve(JdbcStores.SQLITE_FILE).toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url)) {
            return SqlColumn.strings(connection, "SELECT id FROM files ORDER BY seq");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the files table of " + url, e);
        }
    }

    /** The names of everything in {@code files/}, temporary files included, sorted. */
    List<String> blobNames() {
        return names(blobDir());
    }

    /** Every regular file anywhere under the data directory, relative to it, sorted. */
    List<String> everyFile() {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> dataDir.relativize(path).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (with a deadline) until no spooled part is left: Jetty deletes them once the request completed. */
    void awaitNoSpooledParts() {
        Path spool = dataDir.resolve("tmp").resolve("uploads");
        Poll.holds(DEADLINE, () -> names(spool).isEmpty());
        assertThat(names(spool)).as("parts left in %s", spool).isEmpty();
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
