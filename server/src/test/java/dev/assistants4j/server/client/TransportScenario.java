package dev.assistants4j.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.client.ApiException;
import dev.assistants4j.client.ApiRequest;
import dev.assistants4j.client.EventStream;
import dev.assistants4j.client.RequestBody;
import dev.assistants4j.client.ServerSentEvent;
import dev.assistants4j.client.Transport;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One walk through the Assistants API on a {@link Transport}, written down as a transcript: every answer, event and
 * error, with ids numbered in order of appearance and times zeroed, so that two transports' transcripts compare equal
 * when they answer alike. The walk covers objects, a streamed run with parallel function calls, the thread lock while
 * the run waits for tool outputs, a streamed submit_tool_outputs, file upload and download, and bad input.
 */
final class TransportScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID =
            Pattern.compile("\\b(asst|thread|msg|run|step|call|file|vs|vsfb|req)[_-][A-Za-z0-9]{16,}\\b");
    private static final Pattern TIME_FIELD = Pattern.compile(".*_at$");

    private final Transport transport;
    private final FakeUpstream upstream;
    private final List<String> transcript = new ArrayList<>();
    private final Map<String, String> ids = new LinkedHashMap<>();

    TransportScenario(Transport transport, FakeUpstream upstream) {
        this.transport = transport;
        this.upstream = upstream;
    }

    /** Runs the walk and returns its transcript. */
    List<String> run() {
        JsonNode assistant = send(ApiRequest.post("/assistants", assistantBody()));
        String assistantId = assistant.get("id").asText();
        send(ApiRequest.get("/assistants/" + assistantId));
        send(ApiRequest.get("/assistants").query("limit", 1).query("order", "asc"));
        JsonNode thread =
                send(ApiRequest.post("/threads", object("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
        String threadId = thread.get("id").asText();
        send(ApiRequest.post("/threads/" + threadId + "/messages", object("{\"role\":\"user\",\"content\":\"2+2?\"}")));
        send(ApiRequest.get("/threads/" + threadId + "/messages").query("order", "asc"));

        upstream.enqueue(Reply.text("The answer ", "is 4."));
        stream(ApiRequest.post("/threads/" + threadId + "/runs", runBody(assistantId)));

        upstream.enqueue(Reply.toolCalls(
                ToolCall.of("get_weather", "{\"city\":\"Paris\"}"), ToolCall.of("get_weather", "{\"city\":\"Rome\"}")));
        JsonNode waiting = lastRun(stream(ApiRequest.post("/threads/" + threadId + "/runs", runBody(assistantId))));
        String runId = waiting.get("id").asText();
        error(() -> transport.send(ApiRequest.post(
                "/threads/" + threadId + "/messages", object("{\"role\":\"user\",\"content\":\"x\"}"))));
        error(() -> transport.send(ApiRequest.post("/threads/" + threadId + "/runs", runBody(assistantId))));
        upstream.enqueue(Reply.text("Paris 21C, Rome 25C."));
        JsonNode calls = waiting.at("/required_action/submit_tool_outputs/tool_calls");
        ObjectNode outputs = object("{\"stream\":true}");
        ArrayNode submitted = outputs.putArray("tool_outputs");
        calls.forEach(call -> submitted
                .addObject()
                .put("tool_call_id", call.get("id").asText())
                .put("output", call.at("/function/arguments").asText().contains("Paris") ? "21C" : "25C"));
        stream(ApiRequest.post("/threads/" + threadId + "/runs/" + runId + "/submit_tool_outputs", outputs));
        send(ApiRequest.get("/threads/" + threadId + "/runs/" + runId + "/steps")
                .query("order", "asc"));
        send(ApiRequest.get("/threads/" + threadId + "/messages")
                .query("order", "asc")
                .query("limit", 10));

        JsonNode file = send(ApiRequest.upload(
                "/files",
                new RequestBody.FileUpload(
                        "notes.txt",
                        "hello file".getBytes(StandardCharsets.UTF_8),
                        "text/plain",
                        Map.of("purpose", "assistants"))));
        String fileId = file.get("id").asText();
        send(ApiRequest.get("/files/" + fileId));
        record("download "
                + new String(
                        transport.download(ApiRequest.get("/files/" + fileId + "/content")), StandardCharsets.UTF_8));
        send(ApiRequest.delete("/files/" + fileId));

        error(() -> transport.send(ApiRequest.get("/assistants/asst_doesnotexist")));
        error(() -> transport.send(ApiRequest.post("/assistants", object("{\"name\":\"no model\"}"))));
        error(() -> transport.send(ApiRequest.post("/assistants", object("{\"model\":\"m\",\"temperature\":7}"))));
        error(() -> transport.send(ApiRequest.get("/assistants").query("limit", 0)));
        error(() -> transport.send(ApiRequest.get("/threads/" + threadId + "/runs/run_doesnotexist")));
        error(() -> transport.send(ApiRequest.get("/no_such_path")));
        error(() -> transport.send(ApiRequest.delete("/threads/" + threadId + "/runs")));
        error(() -> transport.send(
                ApiRequest.upload("/files", new RequestBody.FileUpload("a.txt", new byte[] {1}, null, Map.of()))));
        send(ApiRequest.delete("/assistants/" + assistantId));
        return transcript;
    }

    private JsonNode send(ApiRequest request) {
        JsonNode answer = transport.send(request);
        record(request.method() + " " + shown(request.path()) + " -> " + normalise(answer));
        return answer;
    }

    private List<JsonNode> stream(ApiRequest request) {
        List<JsonNode> runs = new ArrayList<>();
        try (EventStream events = transport.stream(request)) {
            for (Optional<ServerSentEvent> next = events.next(); next.isPresent(); next = events.next()) {
                ServerSentEvent event = next.get();
                JsonNode data = parse(event.data());
                if (event.event().startsWith("thread.run.") && !event.event().startsWith("thread.run.step")) {
                    runs.add(data);
                }
                record("event " + event.event() + " " + normalise(data));
            }
        }
        record("end of stream");
        return runs;
    }

    private void error(Supplier<?> call) {
        try {
            Object answer = call.get();
            record("no error: " + answer);
        } catch (ApiException e) {
            record("error " + e.status() + " " + e.getClass().getSimpleName() + " type=" + e.type() + " code="
                    + e.code() + " param=" + e.param() + " message=" + normaliseText(e.getMessage()));
        }
    }

    private void record(String line) {
        transcript.add(line);
    }

    private static JsonNode lastRun(List<JsonNode> runs) {
        return runs.get(runs.size() - 1);
    }

    private ObjectNode assistantBody() {
        return object("{\"model\":\"gpt-4o-mini\",\"name\":\"Weather\",\"instructions\":\"Be brief.\","
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],"
                + "\"metadata\":{\"team\":\"a\"}}");
    }

    private static ObjectNode runBody(String assistantId) {
        return object("{\"assistant_id\":\"" + assistantId + "\",\"stream\":true}");
    }

    private String shown(String path) {
        return normaliseText(path);
    }

    /** The JSON text with ids numbered in order of appearance and every {@code *_at} time set to 0. */
    private String normalise(JsonNode node) {
        JsonNode copy = node.deepCopy();
        zeroTimes(copy);
        return normaliseText(copy.toString());
    }

    private String normaliseText(String text) {
        Matcher matcher = ID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String id = matcher.group();
            String shown = ids.computeIfAbsent(id, key -> matcher.group(1) + "#" + (ids.size() + 1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static void zeroTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (TIME_FIELD.matcher(field.getKey()).matches()
                        && field.getValue().isNumber()) {
                    field.setValue(JSON.getNodeFactory().numberNode(0));
                } else {
                    zeroTimes(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(TransportScenario::zeroTimes);
        }
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) parse(json);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
