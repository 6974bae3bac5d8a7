package dev.assistants4j.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} must do: round trips, all-or-nothing writes, missing content as {@link
 * NoSuchFileException}, and only id-like keys. A subclass supplies a fresh, empty store per test.
 */
public abstract class BlobStoreContract {

    /** The store under test: empty at first, and the same instance for the whole test. */
    protected abstract BlobStore blobs();

    /** What the backing storage holds, sorted: the stored keys and anything a write left behind. */
    protected abstract List<String> stored();

    @Test
    void blob_round_trips_and_delete_removes_it() throws IOException {
        // given
        byte[] content = randomBytes(1_000_000);

        // when
        blobs().put("file-abc", new ByteArrayInputStream(content));

        // then
        assertThat(blobs().size("file-abc")).isEqualTo(content.length);
        try (InputStream in = blobs().open("file-abc")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(stored()).containsExactly("file-abc");
        assertThat(blobs().delete("file-abc")).isTrue();
        assertThat(blobs().delete("file-abc")).isFalse();
        assertThat(stored()).isEmpty();
    }

    @Test
    void missing_blob_is_reported_as_no_such_file() {
        // when / then
        assertThatThrownBy(() -> blobs().open("file-missing"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> blobs().size("file-missing"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void failed_write_leaves_nothing_behind() {
        // given
        InputStream breaksHalfway = new BrokenStream(randomBytes(100_000));

        // when
        assertThatThrownBy(() -> blobs().put("file-broken", breaksHalfway)).isInstanceOf(UncheckedIOException.class);

        // then
        assertThat(stored()).isEmpty();
    }

    @Test
    void put_replaces_the_content_whole() throws IOException {
        // given
        blobs().put("file-x", new ByteArrayInputStream(randomBytes(5_000)));

        // when
        blobs().put("file-x", new ByteArrayInputStream(new byte[] {1, 2, 3}));

        // then
        try (InputStream in = blobs().open("file-x")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(stored()).containsExactly("file-x");
    }

    @Test
    void keys_stored_before_the_instant_are_listed_and_later_ones_left_out() {
        // given
        Instant before = Instant.now().minusSeconds(60);
        blobs().put("file-a", new ByteArrayInputStream(new byte[] {1}));
        blobs().put("file-b", new ByteArrayInputStream(new byte[] {2}));

        // when / then
        assertThat(blobs().keysStoredBefore(before)).isEmpty();
        assertThat(blobs().keysStoredBefore(Instant.now().plusSeconds(60)))
                .containsExactlyInAnyOrder("file-a", "file-b");
    }

    @ParameterizedTest(name = "key ''{0}''")
    @ValueSource(strings = {"", "../escape", "..", ".", "a/b", "a\\b", "/etc/passwd", "name.txt", "ä", "file-a\u0000"})
    void keys_that_are_not_ids_are_refused(String key) {
        // when / then
        assertThatThrownBy(() -> blobs().put(key, new ByteArrayInputStream(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs().open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs().delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stored()).isEmpty();
    }

    /** {@code length} bytes, the same on every call. */
    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(3).nextBytes(bytes);
        return bytes;
    }
}
