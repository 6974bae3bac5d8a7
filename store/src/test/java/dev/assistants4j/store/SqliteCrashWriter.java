package dev.assistants4j.store;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.TextContent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link SqliteCrashTest}: writes messages through the SQLite store from several threads until it
 * is killed, printing {@code ack ID} once each insert has returned (is durable) and {@code checkpoints N} as the WAL
 * checkpointer runs. Its checkpoints come often and truncate early, so that a kill finds them under way.
 */
final class SqliteCrashWriter {

    static final String PROJECT = "proj_crash";
    static final int WRITERS = 8;

    private SqliteCrashWriter() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        WalCheckpointer.Settings often =
                new WalCheckpointer.Settings(Duration.ofMillis(10), 64, Duration.ofMillis(200));
        JdbcStores stores = JdbcStores.openSqlite(dir, often);
        String threadId = Ids.next(Ids.THREAD);
        stores.threads().insert(PROJECT, new AssistantThread(threadId, 1, Map.of(), null), List.of());
        PrintStream out = System.out;
        synchronized (out) {
            out.println("thread " + threadId);
            out.flush();
        }
        for (int w = 0; w < WRITERS; w++) {
            Thread.ofPlatform().start(() -> {
                while (true) {
                    Message message = Message.added(
                            Ids.next(Ids.MESSAGE),
                            1,
                            threadId,
                            MessageRole.USER,
                            List.of(TextContent.of("A message written just before a kill.")),
                            List.of(),
                            Map.of());
                    stores.messages().insert(PROJECT, message);
                    synchronized (out) {
                        out.println("ack " + message.id());
                        out.flush();
                    }
                }
            });
        }
        long reported = 0;
        while (true) {
            long checkpoints = stores.checkpointer().checkpoints();
            if (checkpoints != reported) {
                reported = checkpoints;
                synchronized (out) {
                    out.println("checkpoints " + checkpoints);
                    out.flush();
                }
            }
            Thread.sleep(5); // how often to report, not a synchronisation
        }
    }
}
