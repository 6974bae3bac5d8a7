package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local-directory blob store: round trips, atomic writes, and keys that can never leave its directory. */
class LocalBlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void blob_round_trips_and_delete_removes_it() throws IOException {
        // given
        LocalBlobStore blobs = new LocalBlobStore(dir.resolve("files"));
        byte[] content = randomBytes(1_000_000);

        // when
        blobs.put("file-abc", new ByteArrayInputStream(content));

        // then
        assertThat(blobs.size("file-abc")).isEqualTo(content.length);
        try (InputStream in = blobs.open("file-abc")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(names(blobs.root())).containsExactly("file-abc");
        assertThat(blobs.delete("file-abc")).isTrue();
        assertThat(blobs.delete("file-abc")).isFalse();
        assertThat(names(blobs.root())).isEmpty();
    }

    @Test
    void missing_blob_is_reported_as_no_such_file() {
        // given
        LocalBlobStore blobs = new LocalBlobStore(dir);

        // when / then
        assertThatThrownBy(() -> blobs.open("file-missing"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> blobs.size("file-missing"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void failed_write_leaves_nothing_behind() {
        // given
        LocalBlobStore blobs = new LocalBlobStore(dir);
        InputStream breaksHalfway = new BrokenStream(randomBytes(100_000));

        // when
        assertThatThrownBy(() -> blobs.put("file-broken", breaksHalfway)).isInstanceOf(UncheckedIOException.class);

        // then
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void put_replaces_the_content_whole() throws IOException {
        // given
        LocalBlobStore blobs = new LocalBlobStore(dir);
        blobs.put("file-x", new ByteArrayInputStream(randomBytes(5_000)));

        // when
        blobs.put("file-x", new ByteArrayInputStream(new byte[] {1, 2, 3}));

        // then
        try (InputStream in = blobs.open("file-x")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(names(dir)).containsExactly("file-x");
    }

    @Test
    void temporaries_left_by_a_crash_are_removed_on_open() throws IOException {
        // given
        Files.write(dir.resolve(".file-a.0b1c.tmp"), new byte[] {1});
        Files.write(dir.resolve("file-kept"), new byte[] {2});

        // when
        new LocalBlobStore(dir);

        // then
        assertThat(names(dir)).containsExactly("file-kept");
    }

    @Test
    void keys_are_the_stored_contents_not_the_writes_in_progress() throws IOException {
        // given
        LocalBlobStore blobs = new LocalBlobStore(dir);
        blobs.put("file-a", new ByteArrayInputStream(new byte[] {1}));
        blobs.put("file-b", new ByteArrayInputStream(new byte[] {2}));
        Files.write(dir.resolve(".file-c.0b1c.tmp"), new byte[] {3});

        // when / then
        assertThat(blobs.keysStoredBefore(Instant.now().plusSeconds(60))).containsExactlyInAnyOrder("file-a", "file-b");
    }

    @Test
    void keys_stored_at_or_after_the_instant_are_left_out() throws IOException {
        // given
        LocalBlobStore blobs = new LocalBlobStore(dir);
        Instant before = Instant.now().minusSeconds(60);
        blobs.put("file-a", new ByteArrayInputStream(new byte[] {1}));

        // when / then
        assertThat(blobs.keysStoredBefore(before)).isEmpty();
    }

    @ParameterizedTest(name = "key ''{0}''")
    @ValueSource(strings = {"", "../escape", "..", ".", "a/b", "a\\b", "/etc/passwd", "name.txt", "ä", "file-a\u0000"})
    void keys_that_could_name_another_path_are_refused(String key) {
        // given
        LocalBlobStore blobs = new LocalBlobStore(dir.resolve("files"));

        // when / then
        assertThatThrownBy(() -> blobs.put(key, new ByteArrayInputStream(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(names(dir)).containsExactly("files");
    }

    /** A stream that yields half of its bytes and then fails, like a client that disconnects mid-upload. */
    static final class BrokenStream extends InputStream {
        private final InputStream half;

        BrokenStream(byte[] bytes) {
            this.half = new ByteArrayInputStream(bytes, 0, bytes.length / 2);
        }

        @Override
        public int read() throws IOException {
            int b = half.read();
            if (b < 0) {
                throw new IOException("connection reset by peer");
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = half.read(buffer, offset, length);
            if (n < 0) {
                throw new IOException("connection reset by peer");
            }
            return n;
        }
    }

    static List<String> names(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(3).nextBytes(bytes);
        return bytes;
    }
}
