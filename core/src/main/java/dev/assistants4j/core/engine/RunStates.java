package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.RunStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one way to change a stored run: under a per-run lock, re-read it, apply a change, store it, and publish the
 * {@code thread.run.<status>} event when the status moved. This keeps the executor, cancel, submit and expiry from
 * overwriting each other. Thread-safe.
 */
final class RunStates {

    private final RunStore runs;
    private final RunEvents events;
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    RunStates(RunStore runs, RunEvents events) {
        this.runs = runs;
        this.events = events;
    }

    /**
     * Applies {@code change} to the current run; an empty result leaves it as it is.
     *
     * @return the run as stored afterwards
     */
    Run update(String projectId, String threadId, String runId, Function<Run, Optional<Run>> change) {
        ReentrantLock lock = locks.computeIfAbsent(runId, id -> new ReentrantLock());
        lock.lock();
        try {
            Run current = runs.find(projectId, threadId, runId).orElseThrow(() -> NotFoundException.of("run", runId));
            Optional<Run> changed = change.apply(current);
            if (changed.isEmpty()) {
                return current;
            }
            Run next = changed.get();
            if (next.status().terminal()) {
                next = next.toBuilder().expiresAt(null).build();
            }
            runs.update(projectId, next);
            if (next.status() != current.status()) {
                publishStatus(next);
            }
            if (next.status().terminal()) {
                events.release(runId);
                locks.remove(runId);
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Publishes the event named after the run's status ({@code thread.run.in_progress}, …). */
    void publishStatus(Run run) {
        boolean closes = run.status().terminal() || run.status() == RunStatus.REQUIRES_ACTION;
        events.publish(run.id(), new RunEvent("thread.run." + run.status().wireName(), run, closes));
    }
}
