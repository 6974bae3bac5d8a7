package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import java.util.List;
import java.util.Optional;

/** Finds the steps of a run, oldest first. */
final class RunSteps {

    private RunSteps() {}

    static List<RunStep> all(EngineContext ctx, String projectId, String threadId, String runId) {
        return ctx.stores()
                .runSteps()
                .list(
                        projectId,
                        threadId,
                        runId,
                        new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, Optional.empty(), Optional.empty()))
                .data();
    }

    /** The steps still in progress. */
    static List<RunStep> open(EngineContext ctx, String projectId, String threadId, String runId) {
        return all(ctx, projectId, threadId, runId).stream()
                .filter(step -> step.status() == RunStepStatus.IN_PROGRESS)
                .toList();
    }
}
