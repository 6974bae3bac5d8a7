package dev.assistants4j.core.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The event logs of runs being executed, by run id. A log exists from the run's creation until it ends; followers
 * keep their reference to read what remains. Thread-safe.
 */
public final class RunEvents {

    private final ConcurrentMap<String, RunEventLog> logs = new ConcurrentHashMap<>();

    /** The log of a run, created on first use. */
    public RunEventLog log(String runId) {
        return logs.computeIfAbsent(runId, id -> new RunEventLog());
    }

    void publish(String runId, RunEvent event) {
        log(runId).append(event);
    }

    /** Forgets a finished run's log (followers that hold it can still read it). */
    void release(String runId) {
        logs.remove(runId);
    }
}
