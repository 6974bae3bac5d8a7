package dev.assistants4j.core.engine;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.store.RunLeaseStore;
import java.time.Instant;
import java.util.HashMap;
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
 * loop returns. Each execution writes through the {@linkplain dev.assistants4j.core.store.Stores#fenced fence} of
 * the lease it took, so that once another node took the run over (this one was paused or cut off past the lease), its
 * writes are refused and it stops quietly ({@link RunLoop}). Thread-safe.
 */
final class RunExecutor implements AutoCloseable {

    /** A run executing here: how to stop it, and the context it writes through (fenced by its lease when shared). */
    private record Execution(CancelSignal cancel, EngineContext ctx) {}

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final ConcurrentMap<String, Execution> running = new ConcurrentHashMap<>();
    /**
     * Resumes asked for while the run's previous execution was still ending here (between its last event, which a
     * client may answer at once, and its removal from {@link #running}): done by that execution once it has ended.
     */
    private final ConcurrentMap<String, Runnable> resumeAfter = new ConcurrentHashMap<>();

    private final EngineContext ctx;

    RunExecutor(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Makes a run about to be stored cancellable here before it is stored, so that no cancel can fall between its
     * commit and {@link #start}; {@link #forget} undoes it when the run is not stored.
     */
    CancelSignal reserve(String runId) {
        EngineContext leased = lease(runId) // a fresh run id: no other node can hold it
                .orElseThrow(() -> new IllegalStateException("Run " + runId + " is leased by another node"));
        CancelSignal cancel = new CancelSignal();
        running.put(runId, new Execution(cancel, leased));
        return cancel;
    }

    void forget(String runId, CancelSignal cancel) {
        if (remove(runId, cancel) && node().shared()) {
            ctx.stores().runLeases().release(runId, node().nodeId());
        }
    }

    /** Removes the execution of {@code runId} that {@code cancel} stands for; false when it is not the current one. */
    private boolean remove(String runId, CancelSignal cancel) {
        Execution execution = running.get(runId);
        return execution != null && execution.cancel() == cancel && running.remove(runId, execution);
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
        Execution execution = running.get(run.id());
        if (execution == null || execution.cancel() != cancel) {
            first.ifPresent(FirstCall::discard);
            admission.close();
            return; // abandoned since reserve: another node took the run over
        }
        try {
            execute(
                    run.id(),
                    cancel,
                    () -> RunLoop.created(execution.ctx(), caller, run, cancel, routed, first.orElse(null), admission));
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
        Runnable again = () -> resume(projectId, threadId, runId);
        resumeAfter.put(runId, again); // seen by an execution of the run that ends from now on
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Execution> claimed = claim(runId);
            if (claimed.isPresent()) {
                resumeAfter.remove(runId, again);
                Execution execution = claimed.get();
                execute(
                        runId,
                        execution.cancel(),
                        () -> RunLoop.resumed(execution.ctx(), projectId, threadId, runId, execution.cancel()));
                return;
            }
            if (running.containsKey(runId)) {
                return; // its execution is still ending here (a client submitted as soon as it saw requires_action)
            }
            // neither claimed nor running here: an execution may have ended just now; try once more
        }
        resumeAfter.remove(runId, again); // another node holds the run
    }

    /**
     * Takes over a run a dead node was executing: its work in progress is dropped and done again (see {@link
     * RunLoop#takenOver}).
     */
    void takeOver(String projectId, String threadId, String runId) {
        claim(runId)
                .ifPresent(execution -> execute(
                        runId,
                        execution.cancel(),
                        () -> RunLoop.takenOver(execution.ctx(), projectId, threadId, runId, execution.cancel())));
    }

    private Optional<Execution> claim(String runId) {
        if (running.containsKey(runId)) {
            return Optional.empty();
        }
        Optional<EngineContext> leased = lease(runId);
        if (leased.isEmpty()) {
            return Optional.empty();
        }
        Execution execution = new Execution(new CancelSignal(), leased.get());
        return running.putIfAbsent(runId, execution) == null ? Optional.of(execution) : Optional.empty();
    }

    /**
     * Takes the run's lease: the context an execution of it writes through, fenced by the lease on a shared node; empty
     * when another node holds it.
     */
    private Optional<EngineContext> lease(String runId) {
        if (!node().shared()) {
            return Optional.of(ctx);
        }
        RunLeaseStore leases = ctx.stores().runLeases();
        Instant now = ctx.clock().instant();
        return leases.acquire(runId, node().nodeId(), now, now.plus(node().leaseTime()))
                .map(ctx::fenced);
    }

    private void execute(String runId, CancelSignal cancel, Supplier<RunLoop> loop) {
        try {
            threads.execute(() -> {
                try {
                    loop.get().execute();
                } finally {
                    forget(runId, cancel);
                    resumeRequestedMeanwhile(runId);
                }
            });
        } catch (RejectedExecutionException e) { // stopping: the run stays as stored, for recovery
            forget(runId, cancel);
            throw e;
        }
    }

    /** Resumes the run if a resume came while this execution of it was ending (it could not claim the run then). */
    private void resumeRequestedMeanwhile(String runId) {
        Runnable again = resumeAfter.remove(runId);
        if (again == null) {
            return;
        }
        try {
            again.run();
        } catch (RejectedExecutionException e) {
            // stopping: the run stays queued, for recovery
        }
    }

    /** Asks a running run to stop; returns false when it is not running here. */
    boolean cancel(String runId) {
        Execution execution = running.get(runId);
        if (execution == null) {
            return false;
        }
        execution.cancel().request();
        return true;
    }

    /**
     * Stops a run here without ending it, when it is still the execution {@code cancel} stands for: another node took
     * it over. Returns false when that execution ended meanwhile (a later execution of the run is left alone).
     */
    boolean abandon(String runId, CancelSignal cancel) {
        if (!remove(runId, cancel)) {
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
        Map<String, CancelSignal> executions = new HashMap<>();
        running.forEach((runId, execution) -> executions.put(runId, execution.cancel()));
        return executions;
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
