package dev.assistants4j.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.NodeScript;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code conformance/node/runs.mjs} with the official {@code openai} npm package (4.x and 7.x): runs driven end
 * to end through the poll helpers and the AssistantStream helpers, against a server whose model is a {@link
 * FakeUpstream}.
 *
 * <p>The script scripts the upstream itself through a small control endpoint started here ({@code
 * ASSISTANTS_UPSTREAM_CONTROL}): {@code POST /enqueue} with {@code {"text": ["Hel", "lo"]}} and/or {@code
 * {"toolCalls": [{"name": "f", "arguments": "{...}"}]}} becomes {@code upstream.enqueue(reply)}; {@code POST /reset}
 * drops the replies still queued and answers {@code {"leftover": n}}. Each check enqueues the replies its own model
 * calls take just before starting the run, and the script resets after each check (failing it if a reply was left),
 * so nothing here depends on the order of the checks.
 */
class NodeSdkRunsConformanceTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai4", "openai7"})
    void official_node_sdk_drives_runs_end_to_end(String sdk) throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
                UpstreamControl control = UpstreamControl.start(upstream);
                AssistantsServer server = EngineTestSupport.start(dataDir, upstream, EngineTestSupport.FAST)) {
            // when / then
            NodeScript.assertPasses(
                    "runs.mjs",
                    sdk,
                    Map.of(
                            "ASSISTANTS_BASE_URL", server.baseUrl(),
                            "ASSISTANTS_API_KEY", "sk-no-master-key-configured",
                            "ASSISTANTS_UPSTREAM_CONTROL", control.url()),
                    logDir);
        }
    }

    /**
     * The script's handle on the fake upstream: {@code POST /enqueue} with a reply description answers 204 once the
     * reply is queued, or 400 with the reason; {@code POST /reset} answers {@code {"leftover": n}} once it has drained
     * the n replies still queued (FakeUpstream cannot drop them, so it sends a chat request for each).
     */
    private static final class UpstreamControl implements AutoCloseable {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String DRAIN_REQUEST = "{\"model\":\"drain\",\"messages\":[]}";

        private final HttpServer server;
        private final FakeUpstream upstream;
        private final HttpClient http = HttpClient.newHttpClient();

        private UpstreamControl(HttpServer server, FakeUpstream upstream) {
            this.server = server;
            this.upstream = upstream;
        }

        static UpstreamControl start(FakeUpstream upstream) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            UpstreamControl control = new UpstreamControl(server, upstream);
            server.createContext("/enqueue", control::enqueue);
            server.createContext("/reset", control::reset);
            server.start();
            return control;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void enqueue(HttpExchange exchange) throws IOException {
            try (exchange) {
                try {
                    upstream.enqueue(reply(JSON.readTree(exchange.getRequestBody())));
                    exchange.sendResponseHeaders(204, -1);
                } catch (IOException | IllegalArgumentException e) {
                    send(exchange, 400, String.valueOf(e.getMessage()));
                }
            }
        }

        private void reset(HttpExchange exchange) throws IOException {
            try (exchange) {
                int leftover = 0;
                while (upstream.pendingReplies() > 0) {
                    drainOne();
                    leftover++;
                }
                send(exchange, 200, "{\"leftover\":" + leftover + "}");
            }
        }

        private void drainOne() throws IOException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DRAIN_REQUEST))
                    .build();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while draining the upstream", e);
            }
        }

        private static void send(HttpExchange exchange, int status, String text) throws IOException {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        /** {@code {"text": [deltas...], "toolCalls": [{"name", "arguments"}...]}}, either part optional. */
        private static Reply reply(JsonNode description) {
            List<String> deltas = new ArrayList<>();
            description.path("text").forEach(delta -> deltas.add(delta.asText()));
            List<ToolCall> calls = new ArrayList<>();
            description
                    .path("toolCalls")
                    .forEach(call -> calls.add(ToolCall.of(
                            call.path("name").asText(), call.path("arguments").asText())));
            if (deltas.isEmpty() && calls.isEmpty()) {
                throw new IllegalArgumentException("expected text and/or toolCalls, got " + description);
            }
            return Reply.text(deltas.toArray(String[]::new)).withToolCalls(calls.toArray(ToolCall[]::new));
        }

        @Override
        public void close() {
            server.stop(0);
            http.close();
        }
    }
}
