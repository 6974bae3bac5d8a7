package dev.assistants4j.store;

import static dev.assistants4j.testkit.store.BlobStoreContract.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.FileUploadRequest;
import dev.assistants4j.core.store.PageRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the real SQLite database and blob directory can show of the file service (the rest of its tests run on
 * the in-memory stores, in testkit): a row write that fails leaves neither the row nor the bytes.
 */
class FileServiceSqliteTest {

    private static final String PROJECT = "proj_files";

    @TempDir
    Path dataDir;

    @Test
    void failed_row_write_removes_the_stored_bytes() {
        // given the database is gone, while the blob directory still works
        JdbcStores stores = JdbcStores.openSqlite(dataDir);
        LocalBlobStore blobs = new LocalBlobStore(dataDir.resolve("files"));
        FileService files = new FileService(stores.files(), blobs, Clock.systemUTC(), FileService.DeletionHook.NONE);
        stores.close();

        // when
        assertThatThrownBy(() -> files.upload(
                        PROJECT,
                        new FileUploadRequest(
                                "a.txt",
                                "assistants",
                                OptionalLong.empty(),
                                new ByteArrayInputStream(randomBytes(100)))))
                .isInstanceOf(RuntimeException.class);

        // then
        assertThat(LocalBlobStoreTest.names(blobs.root())).isEmpty();
        try (JdbcStores reopened = JdbcStores.openSqlite(dataDir)) {
            assertThat(reopened.files()
                            .list(PROJECT, Optional.empty(), PageRequest.firstPage())
                            .data())
                    .isEmpty();
        }
    }
}
