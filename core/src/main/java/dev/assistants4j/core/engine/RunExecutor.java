package dev.assistants4j.core.engine;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.store.RunLeaseStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs each run on its own virtual thread (the embedded executor) and can ask a running one to stop. On a node that
 * shares its database with others ({@link NodeSettings#shared()}), a run executes here only while this node holds its
 * lease: taken before the run is stored or resumed (a run another node holds is not resumed here), given up when its
 * loop returns. Thread-safe.
 */
final class RunExecutor implements AutoCloseable {

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final ConcurrentMap<String, CancelSignal> running = new ConcurrentHashMap<>();
    private final EngineContext ctx;

    RunExecutor(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Makes a run about to be stored cancellable here before it is stored, so that no cancel can fall between its
     * commit and {@link #start}; {@link #forget} undoes it when the run is not stored.
     */
    CancelSignal reserve(String runId) {
        if (!lease(runId)) { // a fresh run id: no other node can hold it
            throw new IllegalStateException("Run " + runId + " is leased by another node");
        }
        CancelSignal cancel = new CancelSignal();
        running.put(runId, cancel);
        return cancel;
    }

    void forget(String runId, CancelSignal cancel) {
        if (running.remove(runId, cancel) && node().shared()) {
            ctx.stores().runLeases().release(runId, node().nodeId());
        }
    }

    /**
     * Starts executing a run just stored {@code in_progress} (after {@link #reserve}), whose first model call may
     * already be on its way; its model was routed to {@code routed} when it was created, and its first call admitted
     * for {@code caller} ({@code admission}, closed by the loop).
     */
    void start(
            Caller caller,
            Run run,
            ModelRouter.RoutedModel routed,
            CancelSignal cancel,
            Optional<FirstCall> first,
            ModelGate.Admission admission) {
        try {
            execute(
                    run.id(),
                    cancel,
                    () -> RunLoop.created(ctx, caller, run, cancel, routed, first.orElse(null), admission));
        } catch (RuntimeException e) {
            admission.close();
            throw e;
        }
    }

    /**
     * Resumes executing a queued run (tool outputs submitted, or left queued by a previous process or a dead node),
     * unless another node holds it or it runs here already.
     */
    void resume(String projectId, String threadId, String runId) {
        claim(runId)
                .ifPresent(cancel ->
                        execute(runId, cancel, () -> RunLoop.resumed(ctx, projectId, threadId, runId, cancel)));
    }

    /**
     * Takes over a run a dead node was executing: its work in progress is dropped and done again (see {@link
     * RunLoop#takenOver}).
     */
    void takeOver(String projectId, String threadId, String runId) {
        claim(runId)
                .ifPresent(cancel ->
                        execute(runId, cancel, () -> RunLoop.takenOver(ctx, projectId, threadId, runId, cancel)));
    }

    private Optional<CancelSignal> claim(String runId) {
        if (running.containsKey(runId) || !lease(runId)) {
            return Optional.empty();
        }
        CancelSignal cancel = new CancelSignal();
        return running.putIfAbsent(runId, cancel) == null ? Optional.of(cancel) : Optional.empty();
    }

    private boolean lease(String runId) {
        if (!node().shared()) {
            return true;
        }
        RunLeaseStore leases = ctx.stores().runLeases();
        Instant now = ctx.clock().instant();
        return leases.acquire(runId, node().nodeId(), now, now.plus(node().leaseTime()));
    }

    private void execute(String runId, CancelSignal cancel, Supplier<RunLoop> loop) {
        try {
            threads.execute(() -> {
                try {
                    loop.get().execute();
                } finally {
                    forget(runId, cancel);
                }
            });
        } catch (RejectedExecutionException e) { // stopping: the run stays as stored, for recovery
            forget(runId, cancel);
            throw e;
        }
    }

    /** Asks a running run to stop; returns false when it is not running here. */
    boolean cancel(String runId) {
        CancelSignal cancel = running.get(runId);
        if (cancel == null) {
            return false;
        }
        cancel.request();
        return true;
    }

    /**
     * Stops a run here without ending it, when it is still the execution {@code cancel} stands for: another node took
     * it over. Returns false when that execution ended meanwhile (a later execution of the run is left alone).
     */
    boolean abandon(String runId, CancelSignal cancel) {
        if (!running.remove(runId, cancel)) {
            return false;
        }
        cancel.abandon();
        return true;
    }

    /** The runs executing here now. */
    Set<String> runningIds() {
        return Set.copyOf(running.keySet());
    }

    /** The runs executing here now, each with the signal of its execution. */
    Map<String, CancelSignal> executions() {
        return Map.copyOf(running);
    }

    private NodeSettings node() {
        return ctx.settings().node();
    }

    @Override
    public void close() {
        // Runs still executing are left as they are stored; the next start-up (or another node) recovers them.
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
