package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's WAL is checkpointed by the checkpoint thread, never by a commit. */
class WalCheckpointerTest {

    private static final String PROJECT = "proj_wal";

    @TempDir
    Path dataDir;

    private JdbcStores stores;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(
                dataDir, new WalCheckpointer.Settings(Duration.ofMillis(20), 16_384, Duration.ofSeconds(1)));
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void commits_do_not_checkpoint_and_the_log_is_cut_back_to_a_limit() {
        assertThat(pragma("wal_autocheckpoint")).isZero();
        assertThat(pragma("journal_size_limit")).isEqualTo(JdbcStores.WAL_SIZE_LIMIT);
    }

    @Test
    void the_checkpoint_thread_copies_the_whole_log_once_writes_pause() {
        // given
        String threadId = Ids.next(Ids.THREAD);
        stores.threads().insert(PROJECT, new AssistantThread(threadId, 1, Map.of(), null), List.of());

        // when
        for (int i = 0; i < 200; i++) {
            stores.messages().insert(PROJECT, message(threadId));
        }

        // then
        WalCheckpointer checkpointer = stores.checkpointer();
        WalCheckpointer.Result done = Poll.until(
                Duration.ofSeconds(30),
                checkpointer::last,
                last -> last.logFrames() > 0 && last.checkpointedFrames() == last.logFrames());
        assertThat(done.busy()).isFalse();
        assertThat(done.checkpointedFrames()).isPositive().isEqualTo(done.logFrames());
    }

    private long pragma(String name) {
        return stores.database()
                .read(h -> h.createQuery("PRAGMA " + name).mapTo(Long.class).one());
    }

    private static Message message(String threadId) {
        return Message.added(
                Ids.next(Ids.MESSAGE),
                1,
                threadId,
                MessageRole.USER,
                List.of(TextContent.of("Hello")),
                List.of(),
                Map.of());
    }
}
