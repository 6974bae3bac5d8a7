package dev.assistants4j.testkit.store;

import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.store.AssistantStore;
import dev.assistants4j.core.store.Fence;
import dev.assistants4j.core.store.FencedOffException;
import dev.assistants4j.core.store.FencedStores;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.KeyStore;
import dev.assistants4j.core.store.MessageStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.ProjectStore;
import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.core.store.RunStepStore;
import dev.assistants4j.core.store.RunStore;
import dev.assistants4j.core.store.RunStore.ProjectRun;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.TeamStore;
import dev.assistants4j.core.store.ThreadStore;
import dev.assistants4j.core.store.VectorStoreFileBatchStore;
import dev.assistants4j.core.store.VectorStoreFileStore;
import dev.assistants4j.core.store.VectorStoreStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link Stores} in memory, for tests of the code above the stores: the same semantics as the JDBC stores, checked by
 * the same contract (project isolation, insertion-ordered cursor pages, one active run per thread, all-or-nothing
 * multi-row writes). Objects are kept as JSON, so a read returns a copy as a database would. Thread-safe: one lock
 * serialises every call, as the embedded database's single writer does. Nothing survives {@link #close()}.
 */
public final class InMemoryStores implements Stores {

    private final ReentrantLock lock = new ReentrantLock();
    final MemoryTable<Assistant> assistantTable = new MemoryTable<>("assistants", Assistant.class, Assistant::id);
    final MemoryTable<AssistantThread> threadTable =
            new MemoryTable<>("threads", AssistantThread.class, AssistantThread::id);
    final MemoryTable<Message> messageTable = new MemoryTable<>("messages", Message.class, Message::id);
    final MemoryTable<Run> runTable = new MemoryTable<>("runs", Run.class, Run::id);
    final MemoryTable<RunStep> stepTable = new MemoryTable<>("run_steps", RunStep.class, RunStep::id);
    final MemoryTable<FileObject> fileTable = new MemoryTable<>("files", FileObject.class, FileObject::id);
    private final InMemoryVectorStores vectorStores = new InMemoryVectorStores(this);
    private final AssistantStore assistants = new Assistants();
    private final ThreadStore threads = new Threads();
    private final MessageStore messages = new Messages(Optional.empty());
    private final RunStore runs = new Runs(Optional.empty());
    private final Leases leases = new Leases();
    private final RunStepStore runSteps = new Steps(Optional.empty());
    private final FileStore files = new Files();
    private final InMemoryAccess access = new InMemoryAccess(this);
    private volatile boolean open = true;

    /** Runs {@code work} alone: no other call of these stores runs meanwhile. */
    <R> R locked(Supplier<R> work) {
        lock.lock();
        try {
            if (!open) {
                throw new IllegalStateException("the stores are closed");
            }
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #locked}, first checking, when there is one, that {@code fence}'s lease still has its token. */
    <R> R written(Optional<Fence> fence, Supplier<R> work) {
        return locked(() -> {
            fence.ifPresent(leases::check);
            return work.get();
        });
    }

    void writtenVoid(Optional<Fence> fence, Runnable work) {
        written(fence, () -> {
            work.run();
            return null;
        });
    }

    void lockedVoid(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public AssistantStore assistants() {
        return assistants;
    }

    @Override
    public ThreadStore threads() {
        return threads;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public RunLeaseStore runLeases() {
        return leases;
    }

    @Override
    public RunStore runs() {
        return runs;
    }

    @Override
    public RunStepStore runSteps() {
        return runSteps;
    }

    @Override
    public FileStore files() {
        return files;
    }

    @Override
    public VectorStoreStore vectorStores() {
        return vectorStores.stores();
    }

    @Override
    public VectorStoreFileStore vectorStoreFiles() {
        return vectorStores.files();
    }

    @Override
    public VectorStoreFileBatchStore vectorStoreFileBatches() {
        return vectorStores.batches();
    }

    @Override
    public KeyStore keys() {
        return access.keys();
    }

    @Override
    public TeamStore teams() {
        return access.teams();
    }

    @Override
    public ProjectStore projects() {
        return access.projects();
    }

    /** Every table of objects owned by a project, children first. */
    List<MemoryTable<?>> objectTables() {
        List<MemoryTable<?>> tables = new ArrayList<>(vectorStores.tables());
        tables.addAll(List.of(fileTable, stepTable, runTable, messageTable, threadTable, assistantTable));
        return tables;
    }

    @Override
    public Stores fenced(Fence fence) {
        Optional<Fence> held = Optional.of(fence);
        return new FencedStores(this, new Runs(held), new Steps(held), new Messages(held));
    }

    @Override
    public boolean healthy() {
        return open;
    }

    @Override
    public boolean writable() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private static Map<String, Object> threadScope(String threadId) {
        return Map.of("thread_id", threadId);
    }

    private static Map<String, Object> messageColumns(Message message) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("thread_id", message.threadId());
        columns.put("run_id", message.runId());
        return columns;
    }

    /** Fails, storing nothing, unless every message can be inserted: a fresh id, of a stored thread. */
    private void checkMessages(List<Message> added, String newThreadId) {
        Set<String> ids = new HashSet<>();
        for (Message message : added) {
            messageTable.checkInsertable(message, Map.of());
            if (!ids.add(message.id())) {
                throw new IllegalStateException("UNIQUE constraint failed: messages.id");
            }
            boolean threadStored = message.threadId().equals(newThreadId)
                    || !threadTable
                            .rows(row -> row.id.equals(message.threadId()))
                            .isEmpty();
            if (!threadStored) {
                throw new IllegalStateException("FOREIGN KEY constraint failed: messages.thread_id");
            }
        }
    }

    private void insertMessages(String projectId, List<Message> added, String newThreadId) {
        checkMessages(added, newThreadId);
        added.forEach(message -> messageTable.insert(projectId, messageColumns(message), message));
    }

    private Optional<Run> activeRun(String projectId, String threadId) {
        return runTable
                .rows(row -> row.projectId.equals(projectId)
                        && threadId.equals(row.column("thread_id"))
                        && !runTable.object(row).status().terminal())
                .stream()
                .max(Comparator.comparingLong(row -> row.seq))
                .map(runTable::object);
    }

    private final class Assistants implements AssistantStore {
        @Override
        public void insert(String projectId, Assistant assistant) {
            lockedVoid(() -> assistantTable.insert(projectId, Map.of(), assistant));
        }

        @Override
        public Optional<Assistant> find(String projectId, String assistantId) {
            return locked(() -> assistantTable.find(projectId, Map.of(), assistantId));
        }

        @Override
        public boolean update(String projectId, Assistant assistant) {
            return locked(() -> assistantTable.update(projectId, Map.of(), Map.of(), assistant));
        }

        @Override
        public boolean delete(String projectId, String assistantId) {
            return locked(() -> assistantTable.delete(projectId, Map.of(), assistantId));
        }

        @Override
        public Page<Assistant> list(String projectId, PageRequest page) {
            return locked(() -> assistantTable.list(projectId, Map.of(), Map.of(), page));
        }
    }

    private final class Threads implements ThreadStore {
        @Override
        public void insert(String projectId, AssistantThread thread, List<Message> initial) {
            lockedVoid(() -> {
                threadTable.checkInsertable(thread, Map.of());
                checkMessages(initial, thread.id());
                threadTable.insert(projectId, Map.of(), thread);
                insertMessages(projectId, initial, thread.id());
            });
        }

        @Override
        public Optional<AssistantThread> find(String projectId, String threadId) {
            return locked(() -> threadTable.find(projectId, Map.of(), threadId));
        }

        @Override
        public boolean update(String projectId, AssistantThread thread) {
            return locked(() -> threadTable.update(projectId, Map.of(), Map.of(), thread));
        }

        @Override
        public boolean delete(String projectId, String threadId) {
            return locked(() -> {
                for (MemoryTable<?> child : List.of(stepTable, runTable, messageTable)) {
                    child.deleteWhere(
                            row -> row.projectId.equals(projectId) && threadId.equals(row.column("thread_id")));
                }
                return threadTable.delete(projectId, Map.of(), threadId);
            });
        }
    }

    private final class Messages implements MessageStore {

        /** The fence its writes check; empty: they check none. */
        private final Optional<Fence> fence;

        Messages(Optional<Fence> fence) {
            this.fence = fence;
        }

        @Override
        public void insert(String projectId, Message message) {
            writtenVoid(fence, () -> insertMessages(projectId, List.of(message), null));
        }

        @Override
        public Insertion insertIfIdle(String projectId, Message message) {
            return written(fence, () -> {
                if (threadTable.find(projectId, Map.of(), message.threadId()).isEmpty()) {
                    return new Insertion.NoThread();
                }
                Optional<Run> active = activeRun(projectId, message.threadId());
                if (active.isPresent()) {
                    return new Insertion.Refused(active.get());
                }
                insertMessages(projectId, List.of(message), null);
                return new Insertion.Stored();
            });
        }

        @Override
        public Optional<Message> find(String projectId, String threadId, String messageId) {
            return locked(() -> messageTable.find(projectId, threadScope(threadId), messageId));
        }

        @Override
        public boolean update(String projectId, Message message) {
            return written(fence, () -> updateMessage(projectId, message));
        }

        @Override
        public boolean delete(String projectId, String threadId, String messageId) {
            return written(fence, () -> messageTable.delete(projectId, threadScope(threadId), messageId));
        }

        @Override
        public Page<Message> list(String projectId, String threadId, Optional<String> runId, PageRequest page) {
            Map<String, Object> scope = new HashMap<>(threadScope(threadId));
            runId.ifPresent(id -> scope.put("run_id", id));
            return locked(() -> messageTable.list(projectId, scope, Map.of(), page));
        }
    }

    private boolean updateMessage(String projectId, Message message) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("run_id", message.runId());
        return messageTable.update(projectId, threadScope(message.threadId()), columns, message);
    }

    private boolean updateRun(String projectId, Run run) {
        return runTable.update(
                projectId,
                threadScope(run.threadId()),
                Map.of("status", run.status().wireName()),
                run);
    }

    private final class Runs implements RunStore {

        /** The fence its writes check; empty: they check none. */
        private final Optional<Fence> fence;

        Runs(Optional<Fence> fence) {
            this.fence = fence;
        }

        @Override
        public Insertion insertIfIdle(String projectId, Run run, List<Message> added) {
            return written(fence, () -> {
                Optional<Run> active = activeRun(projectId, run.threadId());
                if (active.isPresent()) {
                    return new Insertion.Refused(active.get());
                }
                Map<String, Object> columns = Map.of(
                        "thread_id", run.threadId(), "status", run.status().wireName());
                runTable.checkInsertable(run, columns);
                checkMessages(added, null);
                runTable.insert(projectId, columns, run);
                insertMessages(projectId, added, null);
                List<String> ids = new ArrayList<>();
                messageTable
                        .rows(row -> row.projectId.equals(projectId)
                                && run.threadId().equals(row.column("thread_id")))
                        .forEach(row -> ids.add(row.id));
                return new Insertion.Stored(ids);
            });
        }

        @Override
        public Optional<Run> find(String projectId, String threadId, String runId) {
            return locked(() -> runTable.find(projectId, threadScope(threadId), runId));
        }

        @Override
        public boolean update(String projectId, Run run) {
            return written(fence, () -> updateRun(projectId, run));
        }

        @Override
        public boolean update(String projectId, Run run, List<RunStep> steps, List<Message> changed) {
            return written(fence, () -> {
                if (!updateRun(projectId, run)) {
                    return false;
                }
                steps.forEach(step -> updateStep(projectId, step));
                changed.forEach(message -> updateMessage(projectId, message));
                return true;
            });
        }

        @Override
        public boolean replace(String projectId, Run expected, Run next, List<RunStep> steps, List<Message> changed) {
            return written(fence, () -> {
                if (!stillIs(projectId, expected)) {
                    return false;
                }
                updateRun(projectId, next);
                steps.forEach(step -> updateStep(projectId, step));
                changed.forEach(message -> updateMessage(projectId, message));
                return true;
            });
        }

        @Override
        public boolean reopen(String projectId, Run expected, Run next, List<String> stepIds, List<String> messageIds) {
            return written(fence, () -> {
                if (!stillIs(projectId, expected)) {
                    return false;
                }
                updateRun(projectId, next);
                stepIds.forEach(id -> stepTable.delete(projectId, stepScope(next.threadId(), next.id()), id));
                messageIds.forEach(id -> messageTable.delete(projectId, threadScope(next.threadId()), id));
                return true;
            });
        }

        private boolean stillIs(String projectId, Run expected) {
            return runTable.find(projectId, threadScope(expected.threadId()), expected.id())
                    .filter(expected::equals)
                    .isPresent();
        }

        @Override
        public List<String> cancelling(Collection<String> runIds) {
            return locked(() -> runTable
                    .rows(row -> runIds.contains(row.id)
                            && RunStatus.CANCELLING.wireName().equals(row.column("status")))
                    .stream()
                    .map(row -> row.id)
                    .toList());
        }

        @Override
        public Optional<Run> findActive(String projectId, String threadId) {
            return locked(() -> activeRun(projectId, threadId));
        }

        @Override
        public Page<Run> list(String projectId, String threadId, PageRequest page) {
            return locked(() -> runTable.list(projectId, threadScope(threadId), Map.of(), page));
        }

        @Override
        public List<ProjectRun> listUnfinished() {
            return locked(() -> runTable.rows(row -> true).stream()
                    .map(row -> new ProjectRun(row.projectId, runTable.object(row)))
                    .filter(projectRun -> !projectRun.run().status().terminal())
                    .toList());
        }
    }

    /** Leases in a map: run id to owner and expiry. */
    private final class Leases implements RunLeaseStore {

        private record Lease(String owner, Instant expiresAt, String token) {}

        private final Map<String, Lease> leases = new HashMap<>();

        @Override
        public Optional<Fence> acquire(String runId, String owner, Instant now, Instant until) {
            return locked(() -> {
                Lease held = leases.get(runId);
                if (held != null
                        && !held.owner().equals(owner)
                        && held.expiresAt().isAfter(now)) {
                    return Optional.empty();
                }
                String token = held != null && held.owner().equals(owner)
                        ? held.token()
                        : UUID.randomUUID().toString();
                leases.put(runId, new Lease(owner, until, token));
                return Optional.of(new Fence(runId, token));
            });
        }

        /** Throws unless {@code fence}'s lease still has its token; called under the stores' lock. */
        void check(Fence fence) {
            Lease held = leases.get(fence.key());
            if (held == null || !held.token().equals(fence.token())) {
                throw new FencedOffException(fence);
            }
        }

        @Override
        public List<String> renew(String owner, Instant until) {
            return locked(() -> {
                leases.replaceAll(
                        (run, lease) -> lease.owner().equals(owner) ? new Lease(owner, until, lease.token()) : lease);
                return leases.entrySet().stream()
                        .filter(entry -> entry.getValue().owner().equals(owner))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList();
            });
        }

        @Override
        public void release(String runId, String owner) {
            lockedVoid(() ->
                    leases.computeIfPresent(runId, (run, lease) -> lease.owner().equals(owner) ? null : lease));
        }

        @Override
        public boolean heldByAnother(String runId, String owner, Instant now) {
            return locked(() -> {
                Lease held = leases.get(runId);
                return held != null
                        && !held.owner().equals(owner)
                        && held.expiresAt().isAfter(now);
            });
        }

        @Override
        public List<ProjectRun> orphaned(Instant now, int limit) {
            return locked(() -> runTable.rows(row -> true).stream()
                    .map(row -> new ProjectRun(row.projectId, runTable.object(row)))
                    .filter(projectRun -> switch (projectRun.run().status()) {
                        case QUEUED, IN_PROGRESS, CANCELLING -> true;
                        default -> false;
                    })
                    .filter(projectRun -> {
                        Lease lease = leases.get(projectRun.run().id());
                        return lease == null || !lease.expiresAt().isAfter(now);
                    })
                    .limit(limit)
                    .toList());
        }

        @Override
        public List<VectorStoreFileStore.PendingFile> orphanedFiles(Instant now, int limit) {
            return locked(() -> vectorStoreFiles().inProgress().stream()
                    .filter(pending -> {
                        Lease lease = leases.get(RunLeaseStore.fileKey(
                                pending.file().vectorStoreId(), pending.file().id()));
                        return lease == null || !lease.expiresAt().isAfter(now);
                    })
                    .limit(limit)
                    .toList());
        }
    }

    private static Map<String, Object> stepScope(String threadId, String runId) {
        return Map.of("thread_id", threadId, "run_id", runId);
    }

    private boolean updateStep(String projectId, RunStep step) {
        return stepTable.update(projectId, stepScope(step.threadId(), step.runId()), Map.of(), step);
    }

    private final class Steps implements RunStepStore {

        /** The fence its writes check; empty: they check none. */
        private final Optional<Fence> fence;

        Steps(Optional<Fence> fence) {
            this.fence = fence;
        }

        @Override
        public void insert(String projectId, RunStep step) {
            writtenVoid(fence, () -> stepTable.insert(projectId, stepScope(step.threadId(), step.runId()), step));
        }

        @Override
        public boolean update(String projectId, RunStep step) {
            return written(fence, () -> updateStep(projectId, step));
        }

        @Override
        public Optional<RunStep> find(String projectId, String threadId, String runId, String stepId) {
            return locked(() -> stepTable.find(projectId, stepScope(threadId, runId), stepId));
        }

        @Override
        public Page<RunStep> list(String projectId, String threadId, String runId, PageRequest page) {
            return locked(() -> stepTable.list(projectId, stepScope(threadId, runId), Map.of(), page));
        }
    }

    private final class Files implements FileStore {
        @Override
        public void insert(String projectId, FileObject file) {
            lockedVoid(() -> fileTable.insert(projectId, Map.of("purpose", file.purpose()), file));
        }

        @Override
        public Optional<FileObject> find(String projectId, String fileId) {
            return locked(() -> fileTable.find(projectId, Map.of(), fileId));
        }

        @Override
        public boolean delete(String projectId, String fileId) {
            return locked(() -> fileTable.delete(projectId, Map.of(), fileId));
        }

        @Override
        public Page<FileObject> list(String projectId, Optional<String> purpose, PageRequest page) {
            Map<String, Object> scope =
                    purpose.<Map<String, Object>>map(p -> Map.of("purpose", p)).orElse(Map.of());
            return locked(() -> fileTable.list(projectId, scope, Map.of(), page));
        }

        @Override
        public List<ProjectFile> expired(long now, int limit) {
            return locked(() -> fileTable.rows(row -> true).stream()
                    .map(row -> Map.entry(row, fileTable.object(row)))
                    .filter(e ->
                            e.getValue().expiresAt() != null && e.getValue().expiresAt() <= now)
                    .sorted(Comparator.comparingLong(e -> e.getValue().expiresAt()))
                    .limit(limit)
                    .map(e -> new ProjectFile(e.getKey().projectId, e.getKey().id))
                    .toList());
        }

        @Override
        public boolean exists(String fileId) {
            return locked(() -> !fileTable.rows(row -> row.id.equals(fileId)).isEmpty());
        }
    }
}
