package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a full disk SQLite can still fit a small write into the space its write-ahead log already holds (the log starts
 * over at its beginning after a checkpoint), while a larger one fails. Once a write failed, the store refuses every
 * write until the disk has room again, so that writes (and readiness) do not succeed and fail by turns on a full disk.
 */
class SqliteFullDiskTest {

    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    private SmallDisk disk;
    private JdbcStores stores;

    @BeforeEach
    void open() {
        disk = SmallDisk.mount(dir.resolve("disk"), 8);
        // a checkpoint thread that never runs on its own: the test checkpoints when it needs to
        stores = JdbcStores.openSqlite(
                disk.path().resolve("data"),
                new WalCheckpointer.Settings(Duration.ofHours(1), 16_384, Duration.ofSeconds(1)));
        stores.database().writeVoid(h -> h.execute("CREATE TABLE filler (content BLOB NOT NULL)"));
    }

    @AfterEach
    void close() {
        if (stores != null) stores.close();
        disk.close();
    }

    @Test
    void after_a_write_failed_on_a_full_disk_every_write_is_refused_until_the_disk_has_room() throws Exception {
        // given a log of about 1 MiB, all of it checkpointed, on a disk that then fills up
        Database db = stores.database();
        insertPages(db, 250);
        db.read(h -> h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().one());
        Path filler = disk.fill();

        // when a write larger than the log's space fails
        insertPages(db, 1); // a small one fits into the log's space
        assertThatThrownBy(() -> insertPages(db, 500))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("disk is full");

        // then a small write that would fit is refused too, and probing finds no room while the disk is full
        assertThatThrownBy(() -> insertPages(db, 1))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("disk is full");
        assertThat(db.unwritableReason()).isPresent();
        assertThat(db.writable()).isFalse();
        assertThat(Poll.holds(Duration.ofSeconds(3), db::writable)).isFalse();

        // when space is freed, the probe finds the store writable again
        Files.delete(filler);
        assertThat(Poll.holds(Duration.ofSeconds(10), db::writable)).isTrue();
        assertThat(db.unwritableReason()).isEmpty();
        insertPages(db, 500);
    }

    private static void insertPages(Database db, int pages) {
        Random random = new Random(pages);
        db.writeVoid(h -> {
            for (int i = 0; i < pages; i++) {
                byte[] content = new byte[PAGE];
                random.nextBytes(content);
                h.execute("INSERT INTO filler (content) VALUES (?)", (Object) content);
            }
        });
    }
}
