package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageStatus;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drops what a dead node left half-done in a run it was executing: the run's steps still in progress, the messages
 * they were writing, and any message of the run still in progress without its step yet. The run itself is unchanged;
 * the deletes commit only if no other node changed the run meanwhile (compare-and-set), else they are tried again on
 * the run as it is then.
 */
final class RunTakeover {

    private static final int ATTEMPTS = 5;

    private RunTakeover() {}

    static void dropWorkInProgress(EngineContext ctx, String projectId, String threadId, String runId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Run current = ctx.stores()
                    .runs()
                    .find(projectId, threadId, runId)
                    .orElseThrow(() -> NotFoundException.of("run", runId));
            if (current.status() != RunStatus.IN_PROGRESS) {
                return; // cancelled meanwhile: the loop's start ends it
            }
            List<RunStep> open = RunSteps.open(ctx, projectId, threadId, runId);
            Set<String> messages = new LinkedHashSet<>();
            open.forEach(step -> messageOf(step).ifPresent(messages::add));
            openMessages(ctx, projectId, threadId, runId).forEach(messages::add);
            List<String> steps = open.stream().map(RunStep::id).toList();
            if (ctx.stores().runs().reopen(projectId, current, current, steps, List.copyOf(messages))) {
                return;
            }
        }
        throw new IllegalStateException("Run " + runId + " kept changing while it was taken over");
    }

    private static Optional<String> messageOf(RunStep step) {
        return step.stepDetails() instanceof StepDetails.MessageCreation creation
                ? Optional.of(creation.messageCreation().messageId())
                : Optional.empty();
    }

    private static List<String> openMessages(EngineContext ctx, String projectId, String threadId, String runId) {
        return ctx
                .stores()
                .messages()
                .list(
                        projectId,
                        threadId,
                        Optional.of(runId),
                        new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, Optional.empty(), Optional.empty()))
                .data()
                .stream()
                .filter(message -> message.status() == MessageStatus.IN_PROGRESS)
                .map(Message::id)
                .toList();
    }
}
