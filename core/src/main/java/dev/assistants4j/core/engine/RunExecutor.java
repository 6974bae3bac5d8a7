package dev.assistants4j.core.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs each queued run on its own virtual thread (the embedded executor) and can ask a running one to stop.
 * Thread-safe.
 */
final class RunExecutor implements AutoCloseable {

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final ConcurrentMap<String, CancelSignal> running = new ConcurrentHashMap<>();
    private EngineContext ctx;

    void bind(EngineContext context) {
        this.ctx = context;
    }

    /** Starts executing a queued run. */
    void submit(String projectId, String threadId, String runId) {
        CancelSignal cancel = new CancelSignal();
        running.put(runId, cancel);
        threads.execute(() -> {
            try {
                new RunLoop(ctx, projectId, threadId, runId, cancel).execute();
            } finally {
                running.remove(runId, cancel);
            }
        });
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
