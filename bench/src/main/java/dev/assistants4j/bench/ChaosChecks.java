package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Failed runs are counted by their {@code last_error}. Not thread-safe; one per check.
 */
final class ChaosChecks {

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

    private final CrashHttp http;
    private final String functionAssistant;
    private final Map<String, JsonNode> messagesByThread = new HashMap<>();
    private final Map<String, Integer> runsByStatus = new TreeMap<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final List<String> evidence = new ArrayList<>();
    private int lostWrites;
    private int nonTerminalRuns;
    private int duplicates;
    private int inProgressLeftovers;
    private int wrongAnswers;

    private ChaosChecks(CrashHttp http, String functionAssistant) {
        this.http = http;
        this.functionAssistant = functionAssistant;
    }

    static Findings check(CrashHttp http, Ledger ledger, String functionAssistant)
            throws IOException, InterruptedException {
        ChaosChecks checks = new ChaosChecks(http, functionAssistant);
        for (String threadId : ledger.threads()) {
            checks.thread(threadId);
        }
        for (Ledger.MessageRef message : ledger.messages()) {
            CrashHttp.Answer found = http.get("/v1/threads/" + message.threadId() + "/messages/" + message.messageId());
            if (!found.ok()) {
                checks.lost("acknowledged message " + message.messageId() + ": GET answered " + found.describe());
            }
        }
        for (Ledger.RunRef run : ledger.knownRuns()) {
            checks.run(run, ledger.acknowledged(run.runId()));
        }
        for (Ledger.Submit submit : ledger.submits()) {
            List<String> outputs = checks.outputs(checks.steps(submit.threadId(), submit.runId()));
            if (outputs.isEmpty() || !outputs.stream().allMatch(submit.output()::equals)) {
                checks.lost("acknowledged submit to run " + submit.runId() + ": tool outputs " + outputs);
            }
        }
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

    private void thread(String threadId) throws IOException, InterruptedException {
        CrashHttp.Answer thread = http.get("/v1/threads/" + threadId);
        if (!thread.ok()) {
            lost("acknowledged thread " + threadId + ": GET answered " + thread.describe());
            return;
        }
        for (JsonNode message : messages(threadId)) {
            if (message.path("status").asText().equals("in_progress")) {
                inProgressLeftovers++;
                evidence.add("message left in_progress: " + message);
            }
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
        runsByStatus.merge(status, 1, Integer::sum);
        if (status.equals("failed")) {
            failures.merge(
                    run.at("/last_error/code").asText() + ": "
                            + run.at("/last_error/message").asText(),
                    1,
                    Integer::sum);
        }
        if (!RunDriver.TERMINAL.contains(status)) {
            nonTerminalRuns++;
            evidence.add("run left non-terminal: " + run);
            return;
        }
        boolean function = run.path("assistant_id").asText().equals(functionAssistant);
        JsonNode steps = steps(ref.threadId(), ref.runId());
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

    private void lost(String line) {
        lostWrites++;
        evidence.add(line);
    }

    private List<String> outputs(JsonNode steps) {
        List<String> outputs = new ArrayList<>();
        for (JsonNode step : steps) {
            for (JsonNode call : step.at("/step_details/tool_calls")) {
                JsonNode output = call.at("/function/output");
                outputs.add(output.isTextual() ? output.asText() : String.valueOf(output));
            }
        }
        return outputs;
    }

    private JsonNode steps(String threadId, String runId) throws IOException, InterruptedException {
        CrashHttp.Answer steps = http.get("/v1/threads/" + threadId + "/runs/" + runId + "/steps?limit=100");
        if (!steps.ok()) {
            throw new IOException("GET steps of run " + runId + " answered " + steps.describe());
        }
        return steps.body().path("data");
    }

    private static String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        message.path("content")
                .forEach(part -> text.append(part.at("/text/value").asText()));
        return text.toString();
    }

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
