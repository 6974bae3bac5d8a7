package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's file housekeeping at start-up, over real HTTP on a real data dir. */
class FileHousekeepingTest {

    @TempDir
    Path dataDir;

    @Test
    void content_without_its_file_is_removed_at_start_up_and_files_keep_theirs() throws Exception {
        // given a file uploaded by a first process, and content a crash left without a row
        String fileId;
        try (AssistantsServer first = TestServer.start(dataDir)) {
            fileId = new VectorStoreHttp(new HttpTestClient(first, dataDir), dataDir).upload("notes.txt", "Kept.");
        }
        Path orphan = dataDir.resolve("files").resolve("file-orphan0123");
        Files.write(orphan, new byte[] {1, 2, 3});

        // when the server starts again
        try (AssistantsServer second = TestServer.start(dataDir)) {
            HttpTestClient client = new HttpTestClient(second, dataDir);

            // then the orphan is gone (removed in the background) and the uploaded file's content is served as before
            VectorStoreHttp.await(() -> !Files.exists(orphan));
            assertThat(orphan).doesNotExist();
            HttpTestClient.Reply content = client.get("/v1/files/" + fileId + "/content");
            assertThat(content.status()).isEqualTo(200);
            assertThat(content.body()).isEqualTo("Kept.");
        }
    }
}
