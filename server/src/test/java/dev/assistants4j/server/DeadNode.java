package dev.assistants4j.server;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.domain.StepToolCall.FunctionCallDetails;
import dev.assistants4j.core.domain.Text;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.store.DatabaseUrl;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.testkit.TestRuns;
import java.time.Duration;
import java.util.List;

/**
 * Writes, straight into a PostgreSQL database, what a node killed in the middle of a run leaves there: a run
 * {@code in_progress} with no lease and the steps and messages of its turn as far as they were committed.
 */
final class DeadNode {

    /** Where the node died in the turn. */
    enum Turn {
        /** After the answer's message and step were completed, before the run's end. */
        ANSWERED,
        /** After the answer's text was completed, while its tool_calls step was still open. */
        CUT_BEFORE_TOOL_CALLS,
        /** After a new answer's message was inserted (in progress, empty), before its step. */
        MESSAGE_WITHOUT_STEP
    }

    record State(String runId) {}

    private static final long AT = 1_700_000_000L;

    private DeadNode() {}

    /** Leaves a run of {@code threadId} (the keyless server's project) as {@code turn} says. */
    static State leaves(String databaseUrl, String threadId, Turn turn) {
        try (JdbcStores stores = JdbcStores.openPostgres(DatabaseUrl.parse(databaseUrl), 2, Duration.ofSeconds(5))) {
            String project = "proj_default";
            String assistant =
                    stores.assistants().list(project, allPage()).data().isEmpty()
                            ? Ids.next(Ids.ASSISTANT)
                            : stores.assistants()
                                    .list(project, allPage())
                                    .data()
                                    .getFirst()
                                    .id();
            Run run = TestRuns.of(threadId, assistant, RunStatus.IN_PROGRESS, AT).toBuilder()
                    .startedAt(AT)
                    .build();
            stores.runs().insertIfIdle(project, run, List.of());
            if (turn == Turn.MESSAGE_WITHOUT_STEP) {
                stores.messages().insert(project, Message.inProgress(Ids.next(Ids.MESSAGE), AT, run));
                return new State(run.id());
            }
            String text = turn == Turn.ANSWERED ? "The first answer." : "Let me look that up.";
            Message answer = Message.inProgress(Ids.next(Ids.MESSAGE), AT, run)
                    .withContent(List.of(new TextContent(new Text(text, List.of()))))
                    .completed(AT + 1);
            stores.messages().insert(project, answer);
            RunStep step = RunStep.started(Ids.next(Ids.STEP), AT, run, StepDetails.MessageCreation.of(answer.id()))
                    .finish(RunStepStatus.COMPLETED, AT + 1, null, null);
            stores.runSteps().insert(project, step);
            if (turn == Turn.CUT_BEFORE_TOOL_CALLS) {
                StepToolCall call = new StepToolCall.Function(
                        "call_" + Ids.next(""), new FunctionCallDetails("lookup", "{}", null));
                stores.runSteps()
                        .insert(
                                project,
                                RunStep.started(
                                        Ids.next(Ids.STEP), AT + 1, run, new StepDetails.ToolCalls(List.of(call))));
            }
            return new State(run.id());
        }
    }

    private static dev.assistants4j.core.store.PageRequest allPage() {
        return new dev.assistants4j.core.store.PageRequest(
                100, dev.assistants4j.core.store.ListOrder.ASC, java.util.Optional.empty(), java.util.Optional.empty());
    }
}
