package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import java.util.List;
import java.util.Optional;

/** Finds and ends the steps of a run that are still in progress (when the run is cancelled or expires). */
final class OpenSteps {

    private OpenSteps() {}

    static List<RunStep> of(EngineContext ctx, String projectId, String threadId, String runId) {
        return ctx
                .stores()
                .runSteps()
                .list(
                        projectId,
                        threadId,
                        runId,
                        new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, Optional.empty(), Optional.empty()))
                .data()
                .stream()
                .filter(step -> step.status() == RunStepStatus.IN_PROGRESS)
                .toList();
    }

    static void end(EngineContext ctx, String projectId, String threadId, String runId, RunStepStatus status) {
        for (RunStep step : of(ctx, projectId, threadId, runId)) {
            RunStep ended = step.finish(status, ctx.now(), null, step.usage());
            ctx.stores().runSteps().update(projectId, ended);
            ctx.events().publish(runId, RunEvent.of("thread.run.step." + status.wireName(), ended));
        }
    }
}
