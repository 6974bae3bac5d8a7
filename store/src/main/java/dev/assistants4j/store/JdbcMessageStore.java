package dev.assistants4j.store;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.store.MessageStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Messages in the {@code messages} table, scoped by thread. Thread-safe. */
final class JdbcMessageStore implements MessageStore {

    static final ObjectTable<Message> TABLE = new ObjectTable<>("messages", Message.class, Message::id);

    private final Database db;
    /** Where this store writes: {@link #db}, checking the fence of its writer when it has one. */
    private final FencedWrites writes;

    JdbcMessageStore(FencedWrites writes) {
        this.db = writes.db();
        this.writes = writes;
    }

    static void insert(Handle handle, String projectId, Message message) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("thread_id", message.threadId());
        columns.put("run_id", message.runId());
        TABLE.insert(handle, projectId, message.createdAt(), columns, message);
    }

    /** The ids of the thread's messages, oldest first. */
    static List<String> ids(Handle handle, String projectId, String threadId) {
        return handle.createQuery(
                        "SELECT id FROM messages WHERE project_id = :project_id AND thread_id = :thread_id ORDER BY seq")
                .bind("project_id", projectId)
                .bind("thread_id", threadId)
                .mapTo(String.class)
                .list();
    }

    @Override
    public void insert(String projectId, Message message) {
        writes.writeVoid(h -> insert(h, projectId, message));
    }

    @Override
    public Insertion insertIfIdle(String projectId, Message message) {
        return writes.write(h -> {
            if (!JdbcThreadStore.exists(h, projectId, message.threadId())) {
                return new Insertion.NoThread();
            }
            Optional<Run> active = JdbcRunStore.findActive(h, projectId, message.threadId());
            if (active.isPresent()) {
                return new Insertion.Refused(active.get());
            }
            insert(h, projectId, message);
            return new Insertion.Stored();
        });
    }

    @Override
    public Optional<Message> find(String projectId, String threadId, String messageId) {
        return db.read(h -> TABLE.find(h, projectId, Map.of("thread_id", threadId), messageId));
    }

    @Override
    public boolean update(String projectId, Message message) {
        return writes.write(h -> update(h, projectId, message));
    }

    static boolean update(Handle handle, String projectId, Message message) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("run_id", message.runId());
        return TABLE.update(handle, projectId, Map.of("thread_id", message.threadId()), columns, message);
    }

    @Override
    public boolean delete(String projectId, String threadId, String messageId) {
        return writes.write(h -> TABLE.delete(h, projectId, Map.of("thread_id", threadId), messageId));
    }

    @Override
    public Page<Message> list(String projectId, String threadId, Optional<String> runId, PageRequest page) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("thread_id", threadId);
        runId.ifPresent(id -> scope.put("run_id", id));
        return db.read(h -> TABLE.list(h, projectId, scope, page));
    }
}
