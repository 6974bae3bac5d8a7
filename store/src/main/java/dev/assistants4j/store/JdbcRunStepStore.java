package dev.assistants4j.store;

import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.RunStepStore;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Run steps in the {@code run_steps} table, scoped by thread and run. Thread-safe. */
final class JdbcRunStepStore implements RunStepStore {

    static final ObjectTable<RunStep> TABLE = new ObjectTable<>("run_steps", RunStep.class, RunStep::id);

    private final Database db;
    /** Where this store writes: {@link #db}, checking the fence of its writer when it has one. */
    private final FencedWrites writes;

    JdbcRunStepStore(FencedWrites writes) {
        this.db = writes.db();
        this.writes = writes;
    }

    @Override
    public void insert(String projectId, RunStep step) {
        writes.writeVoid(h -> TABLE.insert(h, projectId, step.createdAt(), scope(step.threadId(), step.runId()), step));
    }

    @Override
    public boolean update(String projectId, RunStep step) {
        return writes.write(h -> update(h, projectId, step));
    }

    static boolean update(Handle handle, String projectId, RunStep step) {
        return TABLE.update(handle, projectId, scope(step.threadId(), step.runId()), step);
    }

    @Override
    public Optional<RunStep> find(String projectId, String threadId, String runId, String stepId) {
        return db.read(h -> TABLE.find(h, projectId, scope(threadId, runId), stepId));
    }

    @Override
    public Page<RunStep> list(String projectId, String threadId, String runId, PageRequest page) {
        return db.read(h -> TABLE.list(h, projectId, scope(threadId, runId), page));
    }

    private static Map<String, Object> scope(String threadId, String runId) {
        return Map.of("thread_id", threadId, "run_id", runId);
    }
}
