package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the crash and chaos benches check alike once the runs have settled, through the API: every thread, message,
 * run and tool output the {@link Ledger} says the server acknowledged is there (else a lost write), no message is left
 * {@code in_progress} and no run non-terminal. Each terminal run is handed to {@link #terminalRun} for the bench's own
 * checks. Each failure adds a line of evidence (ids and the state found). Not thread-safe; one per check.
 */
abstract class LedgerChecks {

    final CrashHttp http;
    final Map<String, Integer> runsByStatus = new TreeMap<>();
    final List<String> evidence = new ArrayList<>();
    int lostWrites;
    int nonTerminalRuns;
    private final Map<String, JsonNode> messagesByThread = new HashMap<>();

    LedgerChecks(CrashHttp http) {
        this.http = http;
    }

    /** Counts a message left {@code in_progress} (its evidence is already added). */
    abstract void messageInProgress();

    /** The bench's own checks of a run found in a terminal {@code status}. */
    abstract void terminalRun(Ledger.RunRef ref, JsonNode run, String status) throws IOException, InterruptedException;

    /** What {@link #runsByStatus} counts the run under: its status. */
    String category(JsonNode run) {
        return run.path("status").asText();
    }

    /** Checks the server's data against the ledger. */
    final void checkLedger(Ledger ledger) throws IOException, InterruptedException {
        for (String threadId : ledger.threads()) {
            thread(threadId);
        }
        for (Ledger.MessageRef ref : ledger.messages()) {
            CrashHttp.Answer message = http.get("/v1/threads/" + ref.threadId() + "/messages/" + ref.messageId());
            if (!message.ok()) {
                lost("acknowledged message " + ref.messageId() + " of " + ref.threadId() + ": GET answered "
                        + message.describe());
            }
        }
        for (Ledger.RunRef run : ledger.knownRuns()) {
            run(run, ledger.acknowledged(run.runId()));
        }
        for (Ledger.Submit submit : ledger.submits()) {
            List<String> outputs = outputs(steps(new Ledger.RunRef(submit.threadId(), submit.runId())));
            if (outputs.isEmpty() || !outputs.stream().allMatch(submit.output()::equals)) {
                lost("acknowledged submit of " + submit.output() + " to run " + submit.runId() + " of "
                        + submit.threadId() + ": tool outputs " + outputs);
            }
        }
    }

    private void thread(String threadId) throws IOException, InterruptedException {
        CrashHttp.Answer thread = http.get("/v1/threads/" + threadId);
        if (!thread.ok()) {
            lost("acknowledged thread " + threadId + ": GET answered " + thread.describe());
            return;
        }
        for (JsonNode message : messages(threadId)) {
            if (message.path("status").asText().equals("in_progress")) {
                messageInProgress();
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
        runsByStatus.merge(category(run), 1, Integer::sum);
        if (!RunDriver.TERMINAL.contains(status)) {
            nonTerminalRuns++;
            evidence.add("run left non-terminal: " + run);
            return;
        }
        terminalRun(ref, run, status);
    }

    final void lost(String line) {
        lostWrites++;
        evidence.add(line);
    }

    /** The outputs of the function calls in {@code steps}' tool_calls steps (null ones as {@code null}). */
    static List<String> outputs(JsonNode steps) {
        List<String> outputs = new ArrayList<>();
        for (JsonNode step : steps) {
            for (JsonNode call : step.at("/step_details/tool_calls")) {
                JsonNode output = call.at("/function/output");
                outputs.add(output.isTextual() ? output.asText() : String.valueOf(output));
            }
        }
        return outputs;
    }

    /** The text of a message, its parts joined. */
    static String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        message.path("content")
                .forEach(part -> text.append(part.at("/text/value").asText()));
        return text.toString();
    }

    /** The run's steps. */
    final JsonNode steps(Ledger.RunRef ref) throws IOException, InterruptedException {
        CrashHttp.Answer steps =
                http.get("/v1/threads/" + ref.threadId() + "/runs/" + ref.runId() + "/steps?limit=100");
        if (!steps.ok()) {
            throw new IOException("GET steps of run " + ref.runId() + " answered " + steps.describe());
        }
        return steps.body().path("data");
    }

    /** The thread's messages, oldest first (read once per thread). */
    final JsonNode messages(String threadId) throws IOException, InterruptedException {
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
