package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.MultipartForm;
import dev.assistants4j.testkit.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Raw HTTP for run-engine tests: creates assistants, threads, messages and runs, polls a run until it reaches a
 * status (with a deadline, never a fixed sleep), and parses SSE bodies into {@link Event}s. Not thread-safe, except
 * that {@link #postAsync} may run while the test thread sends other requests.
 */
public final class RunHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    /** How long a test waits for anything the engine does on its own. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    /** A function tool named {@code get_weather}, as a JSON array for an assistant's {@code tools}. */
    static final String WEATHER_TOOL = "[{'type':'function','function':{'name':'get_weather',"
            + "'parameters':{'type':'object','properties':{'city':{'type':'string'}}}}}]";

    /** The events of a streamed run up to the first delta of a tool_calls step. */
    static final List<String> UNTIL_TOOL_CALL_DELTA = List.of(
            "thread.run.created",
            "thread.run.queued",
            "thread.run.in_progress",
            "thread.run.step.created",
            "thread.run.step.in_progress",
            "thread.run.step.delta");

    /** The events after a tool_calls step's last delta: it completes, then a two-delta answer and the run complete. */
    static final List<String> AFTER_TOOL_CALL_DELTAS = List.of(
            "thread.run.step.completed",
            "thread.run.step.created",
            "thread.run.step.in_progress",
            "thread.message.created",
            "thread.message.in_progress",
            "thread.message.delta",
            "thread.message.delta",
            "thread.message.completed",
            "thread.run.step.completed",
            "thread.run.completed",
            "done");

    private static final List<String> TERMINAL = List.of("cancelled", "failed", "completed", "incomplete", "expired");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    public RunHttp(AssistantsServer server) {
        this("http://127.0.0.1:" + server.port() + "/v1");
    }

    /** A client of the server at {@code base}, e.g. {@code http://127.0.0.1:8080/v1}. */
    RunHttp(String base) {
        this.base = base;
    }

    /** Turns {@code {'a':'b'}} into {@code {"a":"b"}}, to keep JSON literals readable. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    static boolean isTerminal(String status) {
        return TERMINAL.contains(status);
    }

    // ---- plain requests

    Response get(String path) {
        return send(request(path).GET(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A POST of {@code body}, given with single quotes (see {@link #json(String)}). */
    Response post(String path, String body) {
        return send(
                request(path).POST(BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)),
                BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Uploads {@code content} as a file for {@code purpose} through {@code POST /files}; returns its id. */
    String upload(String filename, byte[] content, String purpose) {
        MultipartForm form = new MultipartForm().field("purpose", purpose).file(filename, content);
        Response uploaded = send(
                request("/files").setHeader("Content-Type", form.contentType()).POST(form.publisher()),
                BodyHandlers.ofString(StandardCharsets.UTF_8));
        return ok(uploaded).get("id").asText();
    }

    Response delete(String path) {
        return send(request(path).DELETE(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A POST answered in the background, e.g. a stream that only ends when the run does. */
    CompletableFuture<Response> postAsync(String path, String body) {
        HttpRequest request = request(path)
                .POST(BodyPublishers.ofString(json(body), StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new Response(response.statusCode(), response.body()));
    }

    /** A POST whose body is read by the caller as it comes; closing the stream drops the connection. */
    HttpResponse<InputStream> postStreamed(String path, String body) {
        return sendRaw(
                request(path).POST(BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)),
                BodyHandlers.ofInputStream());
    }

    /**
     * Starts a streamed run and returns the run of its {@code thread.run.requires_action} event: unlike polling, it
     * cannot miss a short wait (tests whose runs expire after a second or two).
     */
    JsonNode streamUntilRequiresAction(String threadId, String assistantId) {
        HttpResponse<InputStream> response =
                postStreamed("/threads/" + threadId + "/runs", "{'assistant_id':'" + assistantId + "','stream':true}");
        try (InputStream body = response.body()) {
            List<Event> events = parseSse(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            return events.stream()
                    .filter(event -> event.event().equals("thread.run.requires_action"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no requires_action in " + names(events)))
                    .data();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code response} with a 200 and returns its JSON. */
    static JsonNode ok(Response response) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(200);
        return response.json();
    }

    // ---- objects

    /** An assistant on model gpt-4o with instructions "Be brief." and {@code tools} (a JSON array, single quotes). */
    String createAssistant(String tools) {
        return ok(post("/assistants", "{'model':'gpt-4o','instructions':'Be brief.','tools':" + tools + "}"))
                .get("id")
                .asText();
    }

    String createAssistant() {
        return createAssistant("[]");
    }

    /** A thread with one user message per text (texts are sent as JSON strings, quotes escaped). */
    String createThread(String... userTexts) {
        List<String> messages = Arrays.stream(userTexts)
                .map(text -> "{\"role\":\"user\",\"content\":" + JSON.valueToTree(text) + "}")
                .toList();
        String body = "{\"messages\":[" + String.join(",", messages) + "]}";
        return ok(sendJson("/threads", body)).get("id").asText();
    }

    Response addMessage(String threadId, String text) {
        return sendJson(
                "/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":" + JSON.valueToTree(text) + "}");
    }

    /** Creates a run, not streamed: {@code fields} are extra body fields (single quotes), e.g. {@code 'model':'x'}. */
    Response createRun(String threadId, String assistantId, String fields) {
        String extra = fields.isEmpty() ? "" : "," + fields;
        return post("/threads/" + threadId + "/runs", "{'assistant_id':'" + assistantId + "'" + extra + "}");
    }

    /** Creates a run that must be accepted, and returns it. */
    JsonNode startRun(String threadId, String assistantId, String fields) {
        return ok(createRun(threadId, assistantId, fields));
    }

    JsonNode startRun(String threadId, String assistantId) {
        return startRun(threadId, assistantId, "");
    }

    /** Creates a streamed run, {@code query} (e.g. {@code ?include[]=...}) appended to the URL; returns its events. */
    List<Event> streamRun(String threadId, String assistantId, String query) {
        Response response =
                post("/threads/" + threadId + "/runs" + query, "{'assistant_id':'" + assistantId + "','stream':true}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return parseSse(response.body());
    }

    /** Starts a run with the extra body {@code fields} and polls it until it is terminal; returns it. */
    JsonNode finishedRun(String threadId, String assistantId, String fields) {
        return awaitTerminal(
                threadId, startRun(threadId, assistantId, fields).get("id").asText());
    }

    /** As {@link #finishedRun}, asserting that the run completed; returns its id. */
    String completedRun(String threadId, String assistantId, String fields) {
        JsonNode run = finishedRun(threadId, assistantId, fields);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        return run.get("id").asText();
    }

    JsonNode run(String threadId, String runId) {
        return ok(get("/threads/" + threadId + "/runs/" + runId));
    }

    /** Polls the run until its status is one of {@code statuses}; fails at the deadline with the last one seen. */
    JsonNode awaitStatus(String threadId, String runId, String... statuses) {
        List<String> wanted = List.of(statuses);
        return await(threadId, runId, run -> wanted.contains(run.get("status").asText()), "status in " + wanted);
    }

    /** Polls the run until it is terminal. */
    JsonNode awaitTerminal(String threadId, String runId) {
        return await(threadId, runId, run -> isTerminal(run.get("status").asText()), "a terminal status");
    }

    private JsonNode await(String threadId, String runId, Predicate<JsonNode> done, String what) {
        JsonNode run = Poll.until(DEADLINE, () -> run(threadId, runId), done);
        if (!done.test(run)) {
            throw new AssertionError("Run " + runId + " did not reach " + what + " within " + DEADLINE + ": " + run);
        }
        return run;
    }

    /**
     * The id of the thread's newest run, once it is listed: a run's first model call is sent while the run is being
     * stored, so a test that saw the call may still be ahead of the commit.
     */
    String awaitNewestRun(String threadId) {
        awaitTrue("a run of " + threadId + " is listed", () -> !runs(threadId).isEmpty());
        return runs(threadId).getFirst().get("id").asText();
    }

    /** Polls {@code condition} until it holds; fails at the deadline. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        if (!Poll.holds(DEADLINE, condition)) {
            throw new AssertionError("Not true within " + DEADLINE + ": " + what);
        }
    }

    Response submit(String threadId, String runId, String body) {
        return post("/threads/" + threadId + "/runs/" + runId + "/submit_tool_outputs", body);
    }

    /** Submits {@code output} for every call of the run's required action, in call order. */
    Response submitAll(String threadId, JsonNode run, String output) {
        List<String> outputs = new ArrayList<>();
        for (String callId : callIds(run)) {
            outputs.add("{'tool_call_id':'" + callId + "','output':'" + output + "'}");
        }
        return submit(threadId, run.get("id").asText(), "{'tool_outputs':[" + String.join(",", outputs) + "]}");
    }

    Response cancel(String threadId, String runId) {
        return post("/threads/" + threadId + "/runs/" + runId + "/cancel", "{}");
    }

    /** The ids of a run's required_action tool calls, in order. */
    static List<String> callIds(JsonNode run) {
        List<String> ids = new ArrayList<>();
        run.at("/required_action/submit_tool_outputs/tool_calls")
                .forEach(call -> ids.add(call.get("id").asText()));
        return ids;
    }

    /** The runs of a thread, oldest first. */
    List<JsonNode> runs(String threadId) {
        return list("/threads/" + threadId + "/runs");
    }

    /** The steps of a run, oldest first. */
    List<JsonNode> steps(String threadId, String runId) {
        return list("/threads/" + threadId + "/runs/" + runId + "/steps");
    }

    /** The messages of a thread, oldest first. */
    List<JsonNode> messages(String threadId) {
        return list("/threads/" + threadId + "/messages");
    }

    /** The text of a message's first content part. */
    static String text(JsonNode message) {
        return message.at("/content/0/text/value").asText();
    }

    private List<JsonNode> list(String path) {
        JsonNode page = ok(get(path + "?limit=100&order=asc"));
        List<JsonNode> items = new ArrayList<>();
        page.get("data").forEach(items::add);
        return items;
    }

    // ---- SSE

    /** One SSE event; the data of {@code done} is the text node {@code [DONE]}. */
    record Event(String event, JsonNode data) {}

    /** Parses an SSE body into its events, skipping comment frames; fails on a frame without event or data. */
    static List<Event> parseSse(String body) {
        List<Event> events = new ArrayList<>();
        for (String frame : body.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            StringBuilder data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n'))
                            .append(line.substring("data:".length()).strip());
                }
            }
            if (event == null && data == null) {
                continue; // a comment such as ": keep-alive"
            }
            assertThat(event).as("event line of frame %s", frame).isNotNull();
            assertThat(data).as("data line of frame %s", frame).isNotNull();
            String text = data.toString();
            events.add(new Event(event, text.equals("[DONE]") ? TextNode.valueOf(text) : parse(text)));
        }
        return events;
    }

    /** The event names, in order. */
    static List<String> names(List<Event> events) {
        return events.stream().map(Event::event).toList();
    }

    // ---- plumbing

    /** One response, read fully. */
    record Response(int status, String body) {
        JsonNode json() {
            return parse(body);
        }

        /** The {@code error} object of an error response. */
        JsonNode error() {
            JsonNode error = json().get("error");
            assertThat(error).as("error object in %s", body).isNotNull();
            return error;
        }
    }

    private Response sendJson(String path, String exactBody) {
        return send(
                request(path).POST(BodyPublishers.ofString(exactBody, StandardCharsets.UTF_8)),
                BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("OpenAI-Beta", "assistants=v2");
    }

    private Response send(HttpRequest.Builder request, BodyHandler<String> handler) {
        HttpResponse<String> response = sendRaw(request, handler);
        return new Response(response.statusCode(), response.body());
    }

    private <T> HttpResponse<T> sendRaw(HttpRequest.Builder request, BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
