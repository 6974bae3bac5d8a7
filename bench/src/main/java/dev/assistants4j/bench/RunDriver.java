package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Drives a run of the crash bench to a terminal status as a careful client would across kills: it polls the run,
 * submits {@code out-<run id>} for every tool call when the run requires action (always the same value, so a submit
 * sent again after a lost answer is consistent), and after a request without an answer waits until the server is
 * ready again and reads the run again (still {@code requires_action}: the submit did not take, send it again).
 * Thread-safe: it keeps no state of its own.
 */
record RunDriver(CrashHttp http, Ledger ledger) {

    static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired", "incomplete");

    /** How long a client waits for the server to come back after a request without an answer. */
    static final Duration OUTAGE_LIMIT = Duration.ofMinutes(3);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /** The tool output the bench submits for {@code runId}. */
    static String outputFor(String runId) {
        return "out-" + runId;
    }

    /**
     * Polls the run until it is terminal.
     *
     * @param deadline a {@link System#nanoTime()} value after which it gives up
     * @return the terminal run; empty when the deadline passed or the server answered something unexpected (recorded)
     */
    Optional<JsonNode> drive(String threadId, String runId, long deadline) throws InterruptedException {
        String path = "/v1/threads/" + threadId + "/runs/" + runId;
        while (System.nanoTime() - deadline < 0) {
            CrashHttp.Answer answer;
            try {
                answer = http.get(path);
            } catch (IOException e) {
                ledger.unanswered("GET run");
                http.awaitReady(OUTAGE_LIMIT);
                continue;
            }
            if (!answer.ok()) {
                ledger.unexpected("GET " + path, answer.describe());
                return Optional.empty();
            }
            String status = answer.body().path("status").asText();
            if (TERMINAL.contains(status)) {
                return Optional.of(answer.body());
            }
            if (status.equals("requires_action")) {
                if (!submit(path, answer.body())) {
                    return Optional.empty();
                }
            } else {
                Thread.sleep(POLL_INTERVAL);
            }
        }
        return Optional.empty();
    }

    /**
     * Submits the outputs the run waits for.
     *
     * @return false when the server refused them (recorded); true when it took them or its answer was lost (the
     *     caller reads the run again either way)
     */
    private boolean submit(String runPath, JsonNode run) throws InterruptedException {
        String runId = run.path("id").asText();
        String output = outputFor(runId);
        ObjectNode body = CrashHttp.JSON.createObjectNode();
        ArrayNode outputs = body.putArray("tool_outputs");
        for (JsonNode call : run.at("/required_action/submit_tool_outputs/tool_calls")) {
            outputs.addObject().put("tool_call_id", call.path("id").asText()).put("output", output);
        }
        CrashHttp.Answer answer;
        try {
            answer = http.post(runPath + "/submit_tool_outputs", body);
        } catch (IOException e) {
            ledger.unanswered("POST submit_tool_outputs");
            http.awaitReady(OUTAGE_LIMIT);
            return true;
        }
        if (!answer.ok()) {
            ledger.unexpected("POST " + runPath + "/submit_tool_outputs", answer.describe());
            return false;
        }
        ledger.submitted(run.path("thread_id").asText(), runId, output);
        return true;
    }
}
