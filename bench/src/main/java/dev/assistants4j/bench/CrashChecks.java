package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The crash bench's checks, made through the API once the runs have settled: those of {@link LedgerChecks} (what the
 * server acknowledged is there, nothing left in_progress or non-terminal), completed runs must carry their submitted
 * outputs; and (beyond issue 10's list) no step of a terminal run may be left {@code in_progress}. Each failure adds a line of evidence (ids and the state found). Not
 * thread-safe; one per check.
 */
final class CrashChecks extends LedgerChecks {

    /** What the checks found. */
    record Findings(
            int lostWrites,
            int completedWithoutOutputs,
            int inProgressMessages,
            int nonTerminalRuns,
            int inProgressSteps,
            Map<String, Integer> runsByStatus,
            List<String> evidence) {

        boolean passed() {
            return lostWrites + completedWithoutOutputs + inProgressMessages + nonTerminalRuns + inProgressSteps == 0;
        }
    }

    static final String RESTARTED = "failed: the server restarted while the run was in progress";

    private int completedWithoutOutputs;
    private int inProgressMessages;
    private int inProgressSteps;

    private CrashChecks(CrashHttp http) {
        super(http);
    }

    /** Checks the server's data against the ledger. */
    static Findings check(CrashHttp http, Ledger ledger) throws IOException, InterruptedException {
        CrashChecks checks = new CrashChecks(http);
        checks.checkLedger(ledger);
        return new Findings(
                checks.lostWrites,
                checks.completedWithoutOutputs,
                checks.inProgressMessages,
                checks.nonTerminalRuns,
                checks.inProgressSteps,
                Map.copyOf(checks.runsByStatus),
                List.copyOf(checks.evidence));
    }

    @Override
    void messageInProgress() {
        inProgressMessages++;
    }

    @Override
    void terminalRun(Ledger.RunRef ref, JsonNode run, String status) throws IOException, InterruptedException {
        for (JsonNode step : steps(ref)) {
            if (step.path("status").asText().equals("in_progress")) {
                inProgressSteps++;
                evidence.add("step left in_progress in a " + status + " run: " + step);
            }
        }
        if (status.equals("completed")) {
            completed(ref);
        }
    }

    /** A completed run must have its output in its tool_calls step and {@code Done: <output>} as its last answer. */
    private void completed(Ledger.RunRef ref) throws IOException, InterruptedException {
        String expected = RunDriver.outputFor(ref.runId());
        List<String> outputs = outputs(steps(ref));
        String answer = lastAnswer(ref);
        if (outputs.isEmpty() || !outputs.stream().allMatch(expected::equals)) {
            completedWithoutOutputs++;
            evidence.add("completed run " + ref.runId() + " of " + ref.threadId() + ": tool outputs " + outputs);
        } else if (!(CrashModel.ANSWER_PREFIX + expected).equals(answer)) {
            completedWithoutOutputs++;
            evidence.add("completed run " + ref.runId() + " of " + ref.threadId() + ": last answer " + answer);
        }
    }

    /** The run's status, with failures split by cause: a kill during a model call, or anything else. */
    @Override
    String category(JsonNode run) {
        String status = run.path("status").asText();
        if (!status.equals("failed")) {
            return status;
        }
        String message = run.at("/last_error/message").asText();
        return message.contains("restarted while the run was in progress")
                ? RESTARTED
                : "failed: " + run.at("/last_error/code").asText() + ": " + message;
    }

    /** The text of the run's last assistant message, or a description of what was found instead. */
    private String lastAnswer(Ledger.RunRef ref) throws IOException, InterruptedException {
        JsonNode last = null;
        for (JsonNode message : messages(ref.threadId())) {
            if (message.path("role").asText().equals("assistant")
                    && message.path("run_id").asText().equals(ref.runId())) {
                last = message;
            }
        }
        return last == null ? "(no assistant message)" : text(last);
    }
}
