package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server stores is readable by its user only, whatever the umask (022 makes files world-readable). */
class DataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void a_new_data_directory_and_its_database_files_are_private() throws IOException {
        // given a data directory that does not exist yet
        Path dataDir = parent.resolve("data");

        // when the store opens it and writes (the WAL and shared-memory files appear)
        try (JdbcStores stores = JdbcStores.openSqlite(dataDir)) {
            stores.assistants().delete("proj", "asst_missing");

            // then
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            for (String name :
                    List.of(JdbcStores.SQLITE_FILE, JdbcStores.SQLITE_FILE + "-wal", JdbcStores.SQLITE_FILE + "-shm")) {
                assertThat(mode(dataDir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void stored_files_are_private() throws IOException {
        // given
        LocalBlobStore blobs = new LocalBlobStore(parent.resolve("data").resolve("files"));

        // when
        blobs.put("file-abc", new ByteArrayInputStream("secret".getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(mode(blobs.root())).isEqualTo("rwx------");
        assertThat(mode(blobs.root().resolve("file-abc"))).isEqualTo("rw-------");
    }

    @Test
    void an_existing_directory_keeps_its_mode() throws IOException {
        // given a directory the operator made group-readable on purpose
        Path dataDir = Files.createDirectory(parent.resolve("shared"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-x---"));

        // when
        DataDirectory.create(dataDir);

        // then
        assertThat(mode(dataDir)).isEqualTo("rwxr-x---");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
