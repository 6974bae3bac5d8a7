package dev.assistants4j.store;

import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.RunStore;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Runs in the {@code runs} table, with their status as a column. Thread-safe. */
final class JdbcRunStore implements RunStore {

    private static final ObjectTable<Run> TABLE = new ObjectTable<>("runs", Run.class, Run::id);
    private static final List<String> ACTIVE = Arrays.stream(RunStatus.values())
            .filter(status -> !status.terminal())
            .map(RunStatus::wireName)
            .toList();

    private final Database db;
    /** Where this store writes: {@link #db}, checking the fence of its writer when it has one. */
    private final FencedWrites writes;

    JdbcRunStore(FencedWrites writes) {
        this.db = writes.db();
        this.writes = writes;
    }

    @Override
    public Insertion insertIfIdle(String projectId, Run run, List<Message> messages) {
        return writes.write(h -> {
            // Concurrent starts on one thread take turns on its row (on PostgreSQL; SQLite has one writer), so the
            // second sees the first's run; the runs_one_active_per_thread index backs the rule up.
            h.createQuery("SELECT id FROM threads WHERE id = :t AND project_id = :p <for_update>")
                    .bind("t", run.threadId())
                    .bind("p", projectId)
                    .mapTo(String.class)
                    .findOne();
            Optional<Run> active = findActive(h, projectId, run.threadId());
            if (active.isPresent()) {
                return new Insertion.Refused(active.get());
            }
            TABLE.insert(
                    h,
                    projectId,
                    run.createdAt(),
                    Map.of("thread_id", run.threadId(), "status", run.status().wireName()),
                    run);
            messages.forEach(message -> JdbcMessageStore.insert(h, projectId, message));
            return new Insertion.Stored(JdbcMessageStore.ids(h, projectId, run.threadId()));
        });
    }

    @Override
    public Optional<Run> find(String projectId, String threadId, String runId) {
        return db.read(h -> TABLE.find(h, projectId, Map.of("thread_id", threadId), runId));
    }

    @Override
    public boolean update(String projectId, Run run) {
        return writes.write(h -> update(h, projectId, run));
    }

    @Override
    public boolean update(String projectId, Run run, List<RunStep> steps, List<Message> messages) {
        return writes.write(h -> update(h, projectId, run, steps, messages));
    }

    @Override
    public boolean replace(String projectId, Run expected, Run next, List<RunStep> steps, List<Message> messages) {
        return writes.write(h -> stillIs(h, projectId, expected) && update(h, projectId, next, steps, messages));
    }

    /** Updates {@code run}, then (when its row was there) its steps and messages, in the transaction of {@code h}. */
    private static boolean update(Handle h, String projectId, Run run, List<RunStep> steps, List<Message> messages) {
        if (!update(h, projectId, run)) {
            return false;
        }
        steps.forEach(step -> JdbcRunStepStore.update(h, projectId, step));
        messages.forEach(message -> JdbcMessageStore.update(h, projectId, message));
        return true;
    }

    @Override
    public boolean reopen(String projectId, Run expected, Run next, List<String> stepIds, List<String> messageIds) {
        return writes.write(h -> {
            if (!stillIs(h, projectId, expected)) {
                return false;
            }
            update(h, projectId, next);
            Map<String, Object> runScope = Map.of("thread_id", next.threadId(), "run_id", next.id());
            stepIds.forEach(id -> JdbcRunStepStore.TABLE.delete(h, projectId, runScope, id));
            Map<String, Object> threadScope = Map.of("thread_id", next.threadId());
            messageIds.forEach(id -> JdbcMessageStore.TABLE.delete(h, projectId, threadScope, id));
            return true;
        });
    }

    /** Locks the run's row (on PostgreSQL) and compares it with {@code expected}. */
    private static boolean stillIs(Handle handle, String projectId, Run expected) {
        return handle.createQuery("SELECT body FROM runs WHERE id = :id AND project_id = :p <for_update>")
                .bind("id", expected.id())
                .bind("p", projectId)
                .mapTo(String.class)
                .findOne()
                .map(JdbcRunStore::read)
                .filter(expected::equals)
                .isPresent();
    }

    @Override
    public List<String> cancelling(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return db.read(h -> h.createQuery("SELECT id FROM runs WHERE status = :s AND id IN (<ids>)")
                .bind("s", RunStatus.CANCELLING.wireName())
                .bindList("ids", List.copyOf(runIds))
                .mapTo(String.class)
                .list());
    }

    private static boolean update(Handle handle, String projectId, Run run) {
        return TABLE.update(
                handle,
                projectId,
                Map.of("thread_id", run.threadId()),
                Map.of("status", run.status().wireName()),
                run);
    }

    @Override
    public Optional<Run> findActive(String projectId, String threadId) {
        return db.read(h -> findActive(h, projectId, threadId));
    }

    static Optional<Run> findActive(Handle handle, String projectId, String threadId) {
        return handle.createQuery("SELECT body FROM runs WHERE project_id = :p AND thread_id = :t"
                        + " AND status IN (<active>) ORDER BY seq DESC LIMIT 1")
                .bind("p", projectId)
                .bind("t", threadId)
                .bindList("active", ACTIVE)
                .mapTo(String.class)
                .findOne()
                .map(JdbcRunStore::read);
    }

    @Override
    public Page<Run> list(String projectId, String threadId, PageRequest page) {
        return db.read(h -> TABLE.list(h, projectId, Map.of("thread_id", threadId), page));
    }

    @Override
    public List<ProjectRun> listUnfinished() {
        return db.read(h -> h.createQuery("SELECT project_id, body FROM runs WHERE status IN (<active>) ORDER BY seq")
                .bindList("active", ACTIVE)
                .map((rs, ctx) -> new ProjectRun(rs.getString("project_id"), read(rs.getString("body"))))
                .list());
    }

    private static Run read(String body) {
        try {
            return Json.MAPPER.readValue(body, Run.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.assistants4j.core.error.ServerException("A stored run could not be read.", e);
        }
    }
}
