package dev.assistants4j.core.store;

import dev.assistants4j.core.domain.RunStep;
import java.util.Optional;

/** Durable run steps, scoped by project, thread and run. Thread-safe; every write is durable on return. */
public interface RunStepStore {

    void insert(String projectId, RunStep step);

    /** Replaces a stored step; returns false when it does not exist. */
    boolean update(String projectId, RunStep step);

    Optional<RunStep> find(String projectId, String threadId, String runId, String stepId);

    Page<RunStep> list(String projectId, String threadId, String runId, PageRequest page);
}
