package dev.assistants4j.core.engine;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.Usage;

/**
 * Where the recorders of one model call write: the run's stores (steps and messages) and its events. It exists so
 * that {@link MessageRecorder} and {@link ToolCallRecorder} start and end steps the same way. Holds no state of its
 * own; used from the run's one thread.
 */
record TurnWriter(EngineContext ctx, String projectId, Run run) {

    long now() {
        return ctx.now();
    }

    /** A new step of the run, in progress at {@code now}; not stored yet. */
    RunStep newStep(long now, StepDetails details) {
        return RunStep.started(Ids.next(Ids.STEP), now, run, details);
    }

    void insert(RunStep step) {
        ctx.stores().runSteps().insert(projectId, step);
    }

    void update(RunStep step) {
        ctx.stores().runSteps().update(projectId, step);
    }

    void insert(Message message) {
        ctx.stores().messages().insert(projectId, message);
    }

    void update(Message message) {
        ctx.stores().messages().update(projectId, message);
    }

    /** Ends the step in {@code status} now, stores it and announces it. */
    void endStep(RunStep step, RunStepStatus status, LastError error, Usage usage) {
        RunStep ended = step.finish(status, ctx.now(), error, usage);
        update(ended);
        publish(new RunEvent.StepStatusChanged(ended));
    }

    void publish(RunEvent event) {
        ctx.events().publish(run.id(), event);
    }
}
