package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Durable runs, scoped by project and thread. Thread-safe; every write is durable on return. */
public interface RunStore {

    /**
     * Stores a new run, with the messages it adds to its thread ({@code additional_messages}), in one transaction,
     * unless its thread already has an active (non-terminal) run; then nothing is stored.
     *
     * @return what was done
     */
    Insertion insertIfIdle(String projectId, Run run, List<Message> messages);

    /** What {@link #insertIfIdle} did. */
    sealed interface Insertion {

        /** The run and its messages were stored; {@code messageIds} are then the thread's messages, oldest first. */
        record Stored(List<String> messageIds) implements Insertion {}

        /** Nothing was stored: {@code active} holds the thread. */
        record Refused(Run active) implements Insertion {}
    }

    Optional<Run> find(String projectId, String threadId, String runId);

    /** Replaces a stored run; returns false when it does not exist. */
    boolean update(String projectId, Run run);

    /**
     * Replaces a stored run and, in the same transaction, stored steps and messages of its thread (a tool_calls step
     * with the submitted outputs, the steps and messages a run's end closes), so that a crash keeps all or none.
     *
     * @return false when the run does not exist (then nothing is changed)
     */
    boolean update(String projectId, Run run, List<RunStep> steps, List<Message> messages);

    /**
     * As {@link #update(String, Run, List, List)}, only while the stored run still equals {@code expected}: a
     * compare-and-set, so that two nodes changing one run (one executing it, another cancelling it) never overwrite
     * each other's change.
     *
     * @return false when the stored run is not {@code expected} or does not exist (then nothing is changed)
     */
    boolean replace(String projectId, Run expected, Run next, List<RunStep> steps, List<Message> messages);

    /**
     * As {@link #replace}, deleting instead the steps {@code stepIds} of the run and the messages {@code messageIds} of
     * its thread: the work in progress of a run another node was executing when it died, which the run does again.
     *
     * @return false when the stored run is not {@code expected} or does not exist (then nothing is changed)
     */
    boolean reopen(String projectId, Run expected, Run next, List<String> stepIds, List<String> messageIds);

    /** Those of {@code runIds} (of any project) whose status is {@code cancelling}. */
    List<String> cancelling(Collection<String> runIds);

    /** The thread's non-terminal run, if any. */
    Optional<Run> findActive(String projectId, String threadId);

    Page<Run> list(String projectId, String threadId, PageRequest page);

    /** Every non-terminal run of every project, oldest first, with its project id (for recovery at start-up). */
    List<ProjectRun> listUnfinished();

    /** A run and the project that owns it. */
    record ProjectRun(String projectId, Run run) {}
}
