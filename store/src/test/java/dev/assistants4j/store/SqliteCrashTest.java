package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.testkit.Poll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged write survives a kill -9 while WAL checkpoints run off the write path: a child JVM
 * ({@link SqliteCrashWriter}) writes messages from several threads with checkpoints every few milliseconds, is killed
 * with SIGKILL mid-stream, and each message whose insert had returned is there when the database is opened again.
 */
class SqliteCrashTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void every_acknowledged_write_survives_a_kill_during_checkpoints() throws Exception {
        // given a child writing messages, acknowledged and checkpointed many times over
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SqliteCrashWriter.class.getName(),
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Queue<String> acked = new ConcurrentLinkedQueue<>();
        AtomicReference<String> threadId = new AtomicReference<>();
        AtomicLong checkpoints = new AtomicLong();
        Thread reader = Thread.ofPlatform().start(() -> read(child, acked, threadId, checkpoints));
        try {
            assertThat(Poll.holds(DEADLINE, () -> acked.size() >= 2_000 && checkpoints.get() >= 20))
                    .isTrue();

            // when it is killed with SIGKILL
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));

        // then every write it acknowledged is there after reopening
        List<String> missing;
        try (JdbcStores stores = JdbcStores.openSqlite(dir)) {
            missing = acked.stream()
                    .filter(id -> stores.messages()
                            .find(SqliteCrashWriter.PROJECT, threadId.get(), id)
                            .isEmpty())
                    .toList();
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(2_000);
        assertThat(missing).isEmpty();
    }

    /** Collects what the child printed until its output ends. */
    private static void read(
            Process child, Queue<String> acked, AtomicReference<String> threadId, AtomicLong checkpoints) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("ack ")) {
                    acked.add(line.substring(4));
                } else if (line.startsWith("thread ")) {
                    threadId.set(line.substring(7));
                } else if (line.startsWith("checkpoints ")) {
                    checkpoints.set(Long.parseLong(line.substring(12)));
                }
            }
        } catch (IOException e) {
            // the child died: what it printed before is all there is
        }
    }
}
