package dev.assistants4j.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.testkit.SmallDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index whose disk fills up refuses changes with a 503 and takes them again once space is back, without being
 * reopened by its owner (Lucene closes its writer for good after such a failure). Its data dir is a 3 MB
 * {@link SmallDisk}.
 */
class LuceneChunkIndexFullDiskTest {

    @TempDir
    Path dir;

    private SmallDisk disk;

    @BeforeEach
    void mount() {
        disk = SmallDisk.mount(dir.resolve("disk"), 3);
    }

    @AfterEach
    void unmount() {
        disk.close();
    }

    @Test
    void changes_refused_on_a_full_disk_are_taken_again_once_space_is_back() throws IOException {
        // given an index with one file, on a disk then filled up
        try (LuceneChunkIndex index = LuceneChunkIndex.open(disk.path().resolve("index"), "test-embedder", 8)) {
            index.add(chunks("kept", 3));
            Path filler = disk.fill();

            // when changes are made while it is full
            assertThatThrownBy(() -> {
                        for (int file = 0; file < 50; file++) index.add(chunks("f" + file, 50));
                    })
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("disk is full");

            // then once space is back, changes are taken again, and what was acknowledged is there
            Files.delete(filler);
            index.add(chunks("after", 2));
            assertThat(index.chunkCount("vs", "after")).isEqualTo(2);
            assertThat(index.chunkCount("vs", "kept")).isEqualTo(3);
        }
    }

    private static List<IndexedChunk> chunks(String fileId, int count) {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] vector = new float[8];
            vector[i % 8] = 1;
            chunks.add(new IndexedChunk("vs", fileId, i, "some text of chunk ".repeat(100) + i, vector));
        }
        return chunks;
    }
}
