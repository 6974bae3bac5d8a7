package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.testkit.store.BlobStoreContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local-directory blob store: the blob store contract, plus crash leftovers and keys that can never leave its
 * directory.
 */
class LocalBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    private LocalBlobStore blobs;

    @BeforeEach
    void open() {
        blobs = new LocalBlobStore(dir.resolve("files"));
    }

    @Override
    protected BlobStore blobs() {
        return blobs;
    }

    @Override
    protected List<String> stored() {
        return names(blobs.root());
    }

    @Test
    void temporaries_left_by_a_crash_are_removed_on_open() throws IOException {
        // given
        Path crashed = Files.createDirectories(dir.resolve("crashed"));
        Files.write(crashed.resolve(".file-a.0b1c.tmp"), new byte[] {1});
        Files.write(crashed.resolve("file-kept"), new byte[] {2});

        // when
        new LocalBlobStore(crashed);

        // then
        assertThat(names(crashed)).containsExactly("file-kept");
    }

    @Test
    void keys_are_the_stored_contents_not_the_writes_in_progress() throws IOException {
        // given
        blobs.put("file-a", new ByteArrayInputStream(new byte[] {1}));
        blobs.put("file-b", new ByteArrayInputStream(new byte[] {2}));
        Files.write(blobs.root().resolve(".file-c.0b1c.tmp"), new byte[] {3});

        // when / then
        assertThat(blobs.keysStoredBefore(Instant.now().plusSeconds(60))).containsExactlyInAnyOrder("file-a", "file-b");
    }

    @ParameterizedTest(name = "key ''{0}''")
    @ValueSource(strings = {"", "../escape", "..", ".", "a/b", "a\\b", "/etc/passwd", "name.txt", "ä", "file-a\u0000"})
    void keys_that_could_name_another_path_are_refused(String key) {
        // when / then
        assertThatThrownBy(() -> blobs.put(key, new ByteArrayInputStream(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(names(dir)).containsExactly("files");
    }

    static List<String> names(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
