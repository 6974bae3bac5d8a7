package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The chaos bench's checks, through the API (any node) once the runs have settled:
 *
 * <ul>
 *   <li>lost writes: every thread, message and run the server acknowledged (2xx, or a stream's {@code
 *       thread.run.created}) is there, and every acknowledged tool output is in its run's step;
 *   <li>non-terminal runs: none is left queued, in_progress, requires_action or cancelling;
 *   <li>duplicates: no two tool call steps of a run carry the same call id, a function run has at most one tool_calls
 *       step (the model calls once), every assistant message of a run belongs to exactly one message_creation step of
 *       it and every such step has its message, and a completed run has exactly one message_creation step;
 *   <li>unfinished leftovers: no message or step left in_progress;
 *   <li>wrong answers: a completed function run answers {@code "Done: " + its output}, a completed text run the whole
 *       text.
 * </ul>
 *
 * The checks of {@link LedgerChecks} are the lost writes, the non-terminal runs and the messages left in_progress.
 * Failed runs are counted by their {@code last_error}. Not thread-safe; one per check.
 */
final class ChaosChecks extends LedgerChecks {

    /** What the checks found. */
    record Findings(
            int lostWrites,
            int nonTerminalRuns,
            int duplicates,
            int inProgressLeftovers,
            int wrongAnswers,
            Map<String, Integer> runsByStatus,
            Map<String, Integer> failures,
            List<String> evidence) {

        boolean passed() {
            return lostWrites + nonTerminalRuns + duplicates + inProgressLeftovers + wrongAnswers == 0;
        }
    }

    private final String functionAssistant;
    private final Map<String, Integer> failures = new TreeMap<>();
    private int duplicates;
    private int inProgressLeftovers;
    private int wrongAnswers;

    private ChaosChecks(CrashHttp http, String functionAssistant) {
        super(http);
        this.functionAssistant = functionAssistant;
    }

    static Findings check(CrashHttp http, Ledger ledger, String functionAssistant)
            throws IOException, InterruptedException {
        ChaosChecks checks = new ChaosChecks(http, functionAssistant);
        checks.checkLedger(ledger);
        return new Findings(
                checks.lostWrites,
                checks.nonTerminalRuns,
                checks.duplicates,
                checks.inProgressLeftovers,
                checks.wrongAnswers,
                Map.copyOf(checks.runsByStatus),
                Map.copyOf(checks.failures),
                List.copyOf(checks.evidence));
    }

    @Override
    void messageInProgress() {
        inProgressLeftovers++;
    }

    @Override
    void terminalRun(Ledger.RunRef ref, JsonNode run, String status) throws IOException, InterruptedException {
        if (status.equals("failed")) {
            failures.merge(
                    run.at("/last_error/code").asText() + ": "
                            + run.at("/last_error/message").asText(),
                    1,
                    Integer::sum);
        }
        boolean function = run.path("assistant_id").asText().equals(functionAssistant);
        JsonNode steps = steps(ref);
        Set<String> callIds = new HashSet<>();
        Set<String> stepMessages = new HashSet<>();
        int toolSteps = 0;
        int messageSteps = 0;
        for (JsonNode step : steps) {
            if (step.path("status").asText().equals("in_progress")) {
                inProgressLeftovers++;
                evidence.add("step left in_progress in a " + status + " run: " + step);
            }
            JsonNode details = step.path("step_details");
            if (details.path("type").asText().equals("tool_calls")) {
                toolSteps++;
                for (JsonNode call : details.path("tool_calls")) {
                    if (!callIds.add(call.path("id").asText())) {
                        duplicate(ref, "tool call id " + call.path("id").asText() + " in two steps");
                    }
                }
            } else if (details.path("type").asText().equals("message_creation")) {
                messageSteps++;
                String messageId = details.at("/message_creation/message_id").asText();
                if (!stepMessages.add(messageId)) {
                    duplicate(ref, "message " + messageId + " in two steps");
                }
            }
        }
        if (function && toolSteps > 1) {
            duplicate(ref, toolSteps + " tool_calls steps");
        }
        Set<String> runMessages = new HashSet<>();
        List<String> answers = new ArrayList<>();
        for (JsonNode message : messages(ref.threadId())) {
            if (message.path("role").asText().equals("assistant")
                    && message.path("run_id").asText().equals(ref.runId())) {
                runMessages.add(message.path("id").asText());
                answers.add(text(message));
            }
        }
        if (!runMessages.equals(stepMessages)) {
            duplicate(ref, "assistant messages " + runMessages + " but message_creation steps " + stepMessages);
        }
        if (status.equals("completed")) {
            if (messageSteps != 1) {
                duplicate(ref, messageSteps + " message_creation steps in a completed run");
            }
            String expected =
                    function ? CrashModel.ANSWER_PREFIX + RunDriver.outputFor(ref.runId()) : ChaosModel.TEXT_ANSWER;
            if (!answers.equals(List.of(expected))) {
                wrongAnswers++;
                evidence.add("completed run " + ref.runId() + " answered " + answers + ", expected " + expected);
            }
        }
    }

    private void duplicate(Ledger.RunRef ref, String what) {
        duplicates++;
        evidence.add("run " + ref.runId() + " of " + ref.threadId() + ": " + what);
    }
}
