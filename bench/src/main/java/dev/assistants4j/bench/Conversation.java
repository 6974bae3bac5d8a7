package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * One conversation of the crash bench's load: a thread, a user message, a run with the {@code get_weather} function,
 * driven to a terminal status by {@link RunDriver}. A create whose answer a kill cut may or may not have taken
 * effect: after the server is back, the client looks on the thread for what it may have created (a message, a run)
 * and only sends the create again when there is none; a thread cannot be found that way, so its create is simply
 * sent again. Every 2xx goes to the {@link Ledger}. Thread-safe: it keeps no state of its own.
 */
record Conversation(CrashHttp http, Ledger ledger, String assistantId, boolean stream) {

    Conversation(CrashHttp http, Ledger ledger, String assistantId) {
        this(http, ledger, assistantId, false);
    }

    /** What a create produced: its id, and whether the server acknowledged it (else it was found after a loss). */
    private record Created(String id, boolean acknowledged) {}

    /** Looks for what a create whose answer was lost may have created. */
    @FunctionalInterface
    private interface Finder {
        Optional<String> find() throws IOException, InterruptedException;
    }

    /**
     * Runs one conversation until its run is terminal, the deadline (a {@link System#nanoTime()} value) passes or the
     * server answers something unexpected (recorded in the ledger).
     */
    void run(long deadline) throws InterruptedException {
        Optional<Created> thread =
                create("POST threads", "/v1/threads", CrashHttp.JSON.createObjectNode(), deadline, Optional::empty);
        if (thread.isEmpty()) {
            return;
        }
        String threadId = thread.get().id();
        ledger.thread(threadId);
        String threadPath = "/v1/threads/" + threadId;
        ObjectNode message =
                CrashHttp.JSON.createObjectNode().put("role", "user").put("content", "Weather in Paris?");
        Optional<Created> created = create(
                "POST messages", threadPath + "/messages", message, deadline, () -> first(threadPath + "/messages"));
        if (created.isEmpty()) {
            return;
        }
        ledger.message(threadId, created.get().id(), created.get().acknowledged());
        ObjectNode run = CrashHttp.JSON.createObjectNode().put("assistant_id", assistantId);
        created = stream
                ? createStreamed(
                        threadPath + "/runs", run.put("stream", true), deadline, () -> first(threadPath + "/runs"))
                : create("POST runs", threadPath + "/runs", run, deadline, () -> first(threadPath + "/runs"));
        if (created.isEmpty()) {
            return;
        }
        ledger.run(threadId, created.get().id(), created.get().acknowledged());
        new RunDriver(http, ledger).drive(threadId, created.get().id(), deadline);
    }

    /**
     * POSTs {@code body} until the server answers, looking with {@code finder} after each lost answer.
     *
     * @return empty when the server refused it (recorded) or the deadline passed
     */
    private Optional<Created> create(String request, String path, JsonNode body, long deadline, Finder finder)
            throws InterruptedException {
        while (System.nanoTime() - deadline < 0) {
            try {
                CrashHttp.Answer answer = http.post(path, body);
                if (answer.ok()) {
                    return Optional.of(new Created(answer.body().path("id").asText(), true));
                }
                ledger.unexpected("POST " + path, answer.describe());
                return Optional.empty();
            } catch (IOException e) {
                ledger.unanswered(request);
            }
            Optional<String> found = findAfterOutage(finder);
            if (found.isPresent()) {
                return Optional.of(new Created(found.get(), false));
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #create}, for a streamed run: acknowledged by its {@code thread.run.created} event, then streamed to
     * its end; a stream cut after that event (a killed node) leaves the run to {@link RunDriver}.
     */
    private Optional<Created> createStreamed(String path, JsonNode body, long deadline, Finder finder)
            throws InterruptedException {
        while (System.nanoTime() - deadline < 0) {
            String[] id = new String[1];
            try {
                int status = http.postStreamed(path, body, (event, data) -> {
                    if (event.equals("thread.run.created") && id[0] == null) {
                        id[0] = data.path("id").asText();
                    }
                });
                if (status == 200 && id[0] != null) {
                    return Optional.of(new Created(id[0], true));
                }
                ledger.unexpected("POST " + path + " (stream)", "status " + status + ", run " + id[0]);
                return Optional.empty();
            } catch (IOException e) {
                if (id[0] != null) {
                    ledger.unanswered("stream cut after run.created");
                    return Optional.of(new Created(id[0], true));
                }
                ledger.unanswered("POST runs (stream)");
            }
            Optional<String> found = findAfterOutage(finder);
            if (found.isPresent()) {
                return Optional.of(new Created(found.get(), false));
            }
        }
        return Optional.empty();
    }

    /** Waits for the server, then asks {@code finder}, again after each outage. */
    private Optional<String> findAfterOutage(Finder finder) throws InterruptedException {
        while (true) {
            http.awaitReady(RunDriver.OUTAGE_LIMIT);
            try {
                return finder.find();
            } catch (IOException e) {
                ledger.unanswered("GET list");
            }
        }
    }

    /** The id of the first object of a list (a thread's messages or runs), if any. */
    private Optional<String> first(String listPath) throws IOException, InterruptedException {
        CrashHttp.Answer answer = http.get(listPath + "?limit=1");
        if (!answer.ok()) {
            ledger.unexpected("GET " + listPath, answer.describe());
            return Optional.empty(); // the create is sent again; a refusal then ends the conversation
        }
        JsonNode data = answer.body().path("data");
        return data.isEmpty()
                ? Optional.empty()
                : Optional.of(data.get(0).path("id").asText());
    }
}
