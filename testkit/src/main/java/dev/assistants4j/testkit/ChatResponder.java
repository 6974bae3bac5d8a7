package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Answers one chat-completions request with one {@link Reply}, streamed or not as the request asks. Runs on the
 * exchange's own (virtual) thread and blocks while it waits out scripted delays.
 */
final class ChatResponder implements Responder {

    /** Thrown to make the HTTP server drop the connection without ending the response. */
    static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofMillis(100);

    private final HttpExchange exchange;
    private final boolean streaming;
    private final boolean includeUsage;
    private final int promptTokens;
    private final WireJson wire;
    private final BooleanSupplier upstreamClosed;

    ChatResponder(HttpExchange exchange, JsonNode request, String model, String id, BooleanSupplier upstreamClosed) {
        this.exchange = exchange;
        this.streaming = request.path("stream").asBoolean(false);
        this.includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        this.promptTokens = Math.max(1, request.path("messages").toString().length() / 4);
        this.wire = new WireJson(id, System.currentTimeMillis() / 1000, model, includeUsage);
        this.upstreamClosed = upstreamClosed;
    }

    @Override
    public boolean streaming() {
        return streaming;
    }

    @Override
    public boolean stream(Reply.Completion reply) throws IOException, InterruptedException {
        SseWriter sse = new SseWriter(exchange);
        sse.open();
        sse.data(wire.chunk(wire.roleDelta(!reply.deltas().isEmpty()), null));
        pause(reply.delayBeforeFirstToken());
        Pacer pacer = new Pacer(reply.delayBetweenTokens());
        for (String delta : reply.deltas()) {
            pacer.beforeToken();
            sse.data(wire.chunk(wire.contentDelta(delta), null));
        }
        List<ToolCall> calls = reply.toolCalls();
        for (int index = 0; index < calls.size(); index++) {
            pacer.beforeToken();
            sse.data(wire.chunk(wire.toolCallStart(index, calls.get(index)), null));
            for (String fragment : calls.get(index).argumentFragments()) {
                pacer.beforeToken();
                sse.data(wire.chunk(wire.toolCallFragment(index, fragment), null));
            }
        }
        finish(sse, reply.effectiveFinishReason(), reply.usageOr(promptTokens));
        return true;
    }

    @Override
    public boolean send(Reply.Completion reply) throws IOException, InterruptedException {
        pause(reply.delayBeforeFirstToken());
        sendJson(200, wire.completion(reply, reply.usageOr(promptTokens)));
        return true;
    }

    @Override
    public boolean send(Reply.HttpError error) throws IOException {
        if (!HttpAnswers.rawError(exchange, error)) {
            sendJson(error.status(), WireJson.error(error.message(), error.type(), error.effectiveCode()));
        }
        return true;
    }

    @Override
    public boolean stream(Reply.BrokenStream reply) throws IOException, InterruptedException {
        SseWriter sse = new SseWriter(exchange);
        exchange.getResponseHeaders().set("Connection", "close");
        sse.open();
        sse.data(wire.chunk(wire.roleDelta(true), null));
        Pacer pacer = new Pacer(reply.delayBetweenTokens());
        for (String delta : reply.deltas()) {
            pacer.beforeToken();
            sse.data(wire.chunk(wire.contentDelta(delta), null));
        }
        if (reply.abrupt()) {
            throw new DropConnection();
        }
        return false;
    }

    /** Promises a whole completion, sends a part of it, and drops the connection. */
    @Override
    public boolean send(Reply.BrokenStream reply) throws IOException {
        Reply.Completion whole = Reply.text(reply.deltas().toArray(String[]::new));
        byte[] body = WireJson.MAPPER.writeValueAsBytes(wire.completion(whole, whole.usageOr(promptTokens)));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        throw new DropConnection();
    }

    @Override
    public boolean stream(Reply.StreamError reply) throws IOException {
        SseWriter sse = new SseWriter(exchange);
        sse.open();
        sse.data(wire.chunk(wire.roleDelta(true), null));
        for (String delta : reply.deltasBefore()) {
            sse.data(wire.chunk(wire.contentDelta(delta), null));
        }
        sse.data(WireJson.error(reply.message(), "server_error", null));
        return true;
    }

    /** Keeps writing comments so that a client that went away is noticed: the write then fails. */
    @Override
    public boolean stream(Reply.Hang hang) throws IOException, InterruptedException {
        SseWriter sse = new SseWriter(exchange);
        sse.open();
        sse.data(wire.chunk(wire.roleDelta(true), null));
        long deadline = System.nanoTime() + hang.max().toNanos();
        while (System.nanoTime() < deadline && !upstreamClosed.getAsBoolean()) {
            Thread.sleep(KEEP_ALIVE_INTERVAL);
            sse.comment("keep-alive");
        }
        finish(sse, "stop", new Reply.Usage(promptTokens, 1));
        return true;
    }

    @Override
    public boolean send(Reply.Hang hang) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + hang.max().toNanos();
        while (System.nanoTime() < deadline && !upstreamClosed.getAsBoolean()) {
            Thread.sleep(KEEP_ALIVE_INTERVAL);
        }
        return send(Reply.text(""));
    }

    private void finish(SseWriter sse, String finishReason, Reply.Usage usage) throws IOException {
        sse.data(wire.chunk(WireJson.MAPPER.createObjectNode(), finishReason));
        if (includeUsage) {
            sse.data(wire.usageChunk(usage));
        }
        sse.done();
    }

    private void sendJson(int status, ObjectNode json) throws IOException {
        HttpAnswers.json(exchange, status, json);
    }

    private static void pause(Duration delay) throws InterruptedException {
        Pacer.pause(delay);
    }
}
