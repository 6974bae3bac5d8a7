package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageStatus;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where a dead node left a run it was executing, and makes it whole again. A turn (one model call and what it
 * produced) ends with the answer's message and step completed, or with its tool_calls step completed; the run's own
 * status is written after that, in another commit.
 *
 * <ul>
 *   <li>No step in progress, and the newest step is a completed answer: the node died between the answer and the
 *       run's end. The run ends as the answer did ({@link Outcome#ANSWERED}, or {@link Outcome#CUT_OFF} when the
 *       answer stopped at the token limit); asking the model again would answer twice.
 *   <li>A step in progress, or a message of the run in progress (written before its step): the turn was cut. Every step of that turn (those after the newest completed tool_calls
 *       step: a half-written answer, an answer whose tool calls were not done, the tool calls) and the messages they
 *       wrote, and any message of the run still in progress, are deleted in one commit that checks that no other node
 *       changed the run meanwhile; the turn is done again ({@link Outcome#CONTINUE}).
 *   <li>Otherwise (no steps, or tool results the model has not seen yet): the loop goes on ({@link Outcome#CONTINUE}).
 * </ul>
 */
final class RunTakeover {

    /** What the loop does with a run taken over. */
    enum Outcome {
        CONTINUE,
        ANSWERED,
        CUT_OFF
    }

    private static final int ATTEMPTS = 5;

    private RunTakeover() {}

    static Outcome resume(EngineContext ctx, String projectId, String threadId, String runId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Run current = ctx.stores()
                    .runs()
                    .find(projectId, threadId, runId)
                    .orElseThrow(() -> NotFoundException.of("run", runId));
            if (current.status() != RunStatus.IN_PROGRESS) {
                return Outcome.CONTINUE; // cancelled meanwhile: the loop's start ends it
            }
            List<RunStep> steps = RunSteps.all(ctx, projectId, threadId, runId);
            List<String> open = openMessages(ctx, projectId, threadId, runId);
            // a message in progress without its step: the node died between the two inserts
            boolean cut =
                    !open.isEmpty() || steps.stream().anyMatch(step -> step.status() == RunStepStatus.IN_PROGRESS);
            if (!cut) {
                return steps.isEmpty() ? Outcome.CONTINUE : ended(ctx, projectId, threadId, steps.getLast());
            }
            List<RunStep> turn = steps.subList(turnStart(steps), steps.size());
            Set<String> messages = new LinkedHashSet<>();
            turn.forEach(step -> messageOf(step).ifPresent(messages::add));
            messages.addAll(open);
            List<String> stepIds = turn.stream().map(RunStep::id).toList();
            if (ctx.stores().runs().reopen(projectId, current, current, stepIds, List.copyOf(messages))) {
                return Outcome.CONTINUE;
            }
        }
        throw new IllegalStateException("Run " + runId + " kept changing while it was taken over");
    }

    /** Where the cut turn starts: after the newest completed tool_calls step (the end of the turn before). */
    private static int turnStart(List<RunStep> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            RunStep step = steps.get(i);
            if (step.stepDetails() instanceof StepDetails.ToolCalls && step.status() == RunStepStatus.COMPLETED) {
                return i + 1;
            }
        }
        return 0;
    }

    /** How the run ends when its newest step, complete, is an answer; else it goes on. */
    private static Outcome ended(EngineContext ctx, String projectId, String threadId, RunStep newest) {
        Optional<Message> answer =
                messageOf(newest).flatMap(id -> ctx.stores().messages().find(projectId, threadId, id));
        if (answer.isEmpty()) {
            return Outcome.CONTINUE;
        }
        return answer.get().status() == MessageStatus.INCOMPLETE ? Outcome.CUT_OFF : Outcome.ANSWERED;
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
