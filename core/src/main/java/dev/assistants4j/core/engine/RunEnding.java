package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.MessageStatus;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run's end closes, committed with it: its steps still in progress end as the run did (cancelled, failed,
 * expired), and its messages still in progress end {@code incomplete} with the reason OpenAI gave
 * ({@code run_cancelled}, {@code run_failed}, {@code run_expired}, {@code max_tokens}), keeping the text stored so far.
 * The run loop ends what it streams itself; this catches every other way a run ends (a cancel while it waits, a
 * restart, an expiry, an unexpected error).
 */
record RunEnding(List<RunStep> steps, List<Message> messages) {

    private static final PageRequest ALL =
            new PageRequest(PageRequest.MAX_LIMIT, ListOrder.ASC, Optional.empty(), Optional.empty());

    /**
     * The steps and messages of {@code ended} (a run in a terminal status) that are still in progress, ended; those in
     * {@code changed} are left to the change.
     */
    static RunEnding of(Stores stores, String projectId, Run ended, List<RunStep> changed, long now) {
        Set<String> changedIds = Set.copyOf(changed.stream().map(RunStep::id).toList());
        RunStepStatus stepStatus = stepStatus(ended);
        List<RunStep> steps = stores.runSteps().list(projectId, ended.threadId(), ended.id(), ALL).data().stream()
                .filter(step -> step.status() == RunStepStatus.IN_PROGRESS && !changedIds.contains(step.id()))
                .map(step -> step.finish(
                        stepStatus, now, stepStatus == RunStepStatus.FAILED ? ended.lastError() : null, step.usage()))
                .toList();
        String reason = messageReason(ended);
        List<Message> messages =
                stores.messages().list(projectId, ended.threadId(), Optional.of(ended.id()), ALL).data().stream()
                        .filter(message -> message.status() == MessageStatus.IN_PROGRESS)
                        .map(message -> message.incomplete(reason, now))
                        .toList();
        return new RunEnding(steps, messages);
    }

    private static RunStepStatus stepStatus(Run run) {
        return switch (run.status()) {
            case CANCELLED -> RunStepStatus.CANCELLED;
            case EXPIRED -> RunStepStatus.EXPIRED;
            case COMPLETED, INCOMPLETE -> RunStepStatus.COMPLETED;
            case FAILED, QUEUED, IN_PROGRESS, REQUIRES_ACTION, CANCELLING -> RunStepStatus.FAILED;
        };
    }

    private static String messageReason(Run run) {
        return switch (run.status()) {
            case CANCELLED -> "run_cancelled";
            case EXPIRED -> "run_expired";
            case COMPLETED, INCOMPLETE -> "max_tokens";
            case FAILED, QUEUED, IN_PROGRESS, REQUIRES_ACTION, CANCELLING -> "run_failed";
        };
    }
}
