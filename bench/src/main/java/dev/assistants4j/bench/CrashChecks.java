package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The crash bench's checks, made through the API once the runs have settled: what the {@link Ledger} says the server
 * acknowledged must be there, completed runs must carry their submitted outputs, no message may be left {@code
 * in_progress} and no run non-terminal; and (beyond issue 10's list) no step of a terminal run may be left {@code
 * in_progress}. Each failure adds a line of evidence (ids and the state found). Not
 * thread-safe; one per check.
 */
final class CrashChecks {

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

    private final CrashHttp http;
    private final Map<String, JsonNode> messagesByThread = new HashMap<>();
    private final Map<String, Integer> runsByStatus = new TreeMap<>();
    private final List<String> evidence = new ArrayList<>();
    private int lostWrites;
    private int completedWithoutOutputs;
    private int inProgressMessages;
    private int nonTerminalRuns;
    private int inProgressSteps;

    private CrashChecks(CrashHttp http) {
        this.http = http;
    }

    /** Checks the server's data against the ledger. */
    static Findings check(CrashHttp http, Ledger ledger) throws IOException, InterruptedException {
        CrashChecks checks = new CrashChecks(http);
        for (String threadId : ledger.threads()) {
            checks.thread(threadId);
        }
        for (Ledger.MessageRef message : ledger.messages()) {
            checks.message(message);
        }
        for (Ledger.RunRef run : ledger.knownRuns()) {
            checks.run(run, ledger.acknowledged(run.runId()));
        }
        for (Ledger.Submit submit : ledger.submits()) {
            checks.submit(submit);
        }
        return new Findings(
                checks.lostWrites,
                checks.completedWithoutOutputs,
                checks.inProgressMessages,
                checks.nonTerminalRuns,
                checks.inProgressSteps,
                Map.copyOf(checks.runsByStatus),
                List.copyOf(checks.evidence));
    }

    private void thread(String threadId) throws IOException, InterruptedException {
        CrashHttp.Answer thread = http.get("/v1/threads/" + threadId);
        if (!thread.ok()) {
            lost("acknowledged thread " + threadId + ": GET answered " + thread.describe());
            return;
        }
        for (JsonNode message : messages(threadId)) {
            if (message.path("status").asText().equals("in_progress")) {
                inProgressMessages++;
                evidence.add("message left in_progress: " + message);
            }
        }
    }

    private void message(Ledger.MessageRef ref) throws IOException, InterruptedException {
        CrashHttp.Answer message = http.get("/v1/threads/" + ref.threadId() + "/messages/" + ref.messageId());
        if (!message.ok()) {
            lost("acknowledged message " + ref.messageId() + " of " + ref.threadId() + ": GET answered "
                    + message.describe());
        }
    }

    private void run(Ledger.RunRef ref, boolean acknowledged) throws IOException, InterruptedException {
        CrashHttp.Answer answer = http.get("/v1/threads/" + ref.threadId() + "/runs/" + ref.runId());
        if (!answer.ok()) {
            String line = "run " + ref.runId() + " of " + ref.threadId() + ": GET answered " + answer.describe();
            if (acknowledged) {
                lost("acknowledged " + line);
            } else {
                evidence.add("(not acknowledged) " + line);
            }
            return;
        }
        JsonNode run = answer.body();
        String status = run.path("status").asText();
        runsByStatus.merge(category(run), 1, Integer::sum);
        if (!RunDriver.TERMINAL.contains(status)) {
            nonTerminalRuns++;
            evidence.add("run left non-terminal: " + run);
            return;
        }
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
        List<String> outputs = stepOutputs(ref);
        String answer = lastAnswer(ref);
        if (outputs.isEmpty() || !outputs.stream().allMatch(expected::equals)) {
            completedWithoutOutputs++;
            evidence.add("completed run " + ref.runId() + " of " + ref.threadId() + ": tool outputs " + outputs);
        } else if (!(CrashModel.ANSWER_PREFIX + expected).equals(answer)) {
            completedWithoutOutputs++;
            evidence.add("completed run " + ref.runId() + " of " + ref.threadId() + ": last answer " + answer);
        }
    }

    private void submit(Ledger.Submit submit) throws IOException, InterruptedException {
        List<String> outputs = stepOutputs(new Ledger.RunRef(submit.threadId(), submit.runId()));
        if (outputs.isEmpty() || !outputs.stream().allMatch(submit.output()::equals)) {
            lost("acknowledged submit of " + submit.output() + " to run " + submit.runId() + " of " + submit.threadId()
                    + ": tool outputs " + outputs);
        }
    }

    private void lost(String line) {
        lostWrites++;
        evidence.add(line);
    }

    /** The run's status, with failures split by cause: a kill during a model call, or anything else. */
    private static String category(JsonNode run) {
        String status = run.path("status").asText();
        if (!status.equals("failed")) {
            return status;
        }
        String message = run.at("/last_error/message").asText();
        return message.contains("restarted while the run was in progress")
                ? RESTARTED
                : "failed: " + run.at("/last_error/code").asText() + ": " + message;
    }

    /** The outputs of the function calls in the run's tool_calls steps (null ones as {@code null}). */
    private List<String> stepOutputs(Ledger.RunRef ref) throws IOException, InterruptedException {
        List<String> outputs = new ArrayList<>();
        for (JsonNode step : steps(ref)) {
            for (JsonNode call : step.at("/step_details/tool_calls")) {
                JsonNode output = call.at("/function/output");
                outputs.add(output.isTextual() ? output.asText() : String.valueOf(output));
            }
        }
        return outputs;
    }

    /** The run's steps. */
    private JsonNode steps(Ledger.RunRef ref) throws IOException, InterruptedException {
        CrashHttp.Answer steps =
                http.get("/v1/threads/" + ref.threadId() + "/runs/" + ref.runId() + "/steps?limit=100");
        if (!steps.ok()) {
            throw new IOException("GET steps of run " + ref.runId() + " answered " + steps.describe());
        }
        return steps.body().path("data");
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
        if (last == null) {
            return "(no assistant message)";
        }
        StringBuilder text = new StringBuilder();
        last.path("content").forEach(part -> text.append(part.at("/text/value").asText()));
        return text.toString();
    }

    /** The thread's messages, oldest first (read once per thread). */
    private JsonNode messages(String threadId) throws IOException, InterruptedException {
        JsonNode cached = messagesByThread.get(threadId);
        if (cached != null) {
            return cached;
        }
        CrashHttp.Answer list = http.get("/v1/threads/" + threadId + "/messages?limit=100&order=asc");
        if (!list.ok()) {
            throw new IOException("GET messages of " + threadId + " answered " + list.describe());
        }
        messagesByThread.put(threadId, list.body().path("data"));
        return list.body().path("data");
    }
}
