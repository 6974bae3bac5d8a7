package dev.assistants4j.store;

import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.store.ThreadStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Threads in the {@code threads} table; their messages go with them. Thread-safe. */
final class JdbcThreadStore extends ProjectObjectStore<AssistantThread> implements ThreadStore {

    JdbcThreadStore(Database db) {
        super(db, new ObjectTable<>("threads", AssistantThread.class, AssistantThread::id), AssistantThread::createdAt);
    }

    /** Whether the project has the thread: one indexed lookup, nothing decoded. */
    static boolean exists(Handle handle, String projectId, String threadId) {
        return handle.createQuery("SELECT 1 FROM threads WHERE id = :id AND project_id = :project_id")
                .bind("id", threadId)
                .bind("project_id", projectId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    @Override
    public void insert(String projectId, AssistantThread thread, List<Message> messages) {
        db.writeVoid(h -> {
            table.insert(h, projectId, thread.createdAt(), Map.of(), thread);
            messages.forEach(message -> JdbcMessageStore.insert(h, projectId, message));
        });
    }

    @Override
    public boolean delete(String projectId, String threadId) {
        return db.write(h -> {
            // Explicit, so the cascade does not depend on the foreign_keys pragma or dialect.
            for (String child : List.of("run_steps", "runs", "messages")) {
                h.createUpdate("DELETE FROM " + child + " WHERE project_id = :p AND thread_id = :t")
                        .bind("p", projectId)
                        .bind("t", threadId)
                        .execute();
            }
            return table.delete(h, projectId, Map.of(), threadId);
        });
    }
}
