package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Run;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs each run on its own virtual thread (the embedded executor) and can ask a running one to stop. Thread-safe.
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
        CancelSignal cancel = new CancelSignal();
        running.put(runId, cancel);
        return cancel;
    }

    void forget(String runId, CancelSignal cancel) {
        running.remove(runId, cancel);
    }

    /**
     * Starts executing a run just stored {@code in_progress} (after {@link #reserve}), whose first model call may
     * already be on its way; its model was routed to {@code routed} when it was created.
     */
    void start(
            String projectId, Run run, ModelRouter.RoutedModel routed, CancelSignal cancel, Optional<FirstCall> first) {
        execute(run.id(), cancel, () -> RunLoop.created(ctx, projectId, run, cancel, routed, first.orElse(null)));
    }

    /** Resumes executing a queued run (tool outputs submitted, or left queued by a previous process). */
    void resume(String projectId, String threadId, String runId) {
        CancelSignal cancel = reserve(runId);
        execute(runId, cancel, () -> RunLoop.resumed(ctx, projectId, threadId, runId, cancel));
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

    @Override
    public void close() {
        // Runs still executing are left as they are stored; the next start-up recovers them.
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
