package dev.assistants4j.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A Node conformance script's handle on the fake upstream: {@code POST /enqueue} with a reply description answers 204 once the
 * reply is queued, or 400 with the reason; {@code POST /reset} answers {@code {"leftover": n}} once it has drained
 * the n replies still queued (FakeUpstream cannot drop them, so it sends a chat request for each).
 */
public final class UpstreamControl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAIN_REQUEST = "{\"model\":\"drain\",\"messages\":[]}";

    private final HttpServer server;
    private final FakeUpstream upstream;
    private final HttpClient http = HttpClient.newHttpClient();

    private UpstreamControl(HttpServer server, FakeUpstream upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    public static UpstreamControl start(FakeUpstream upstream) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        UpstreamControl control = new UpstreamControl(server, upstream);
        server.createContext("/enqueue", control::enqueue);
        server.createContext("/reset", control::reset);
        server.start();
        return control;
    }

    public String url() {
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
