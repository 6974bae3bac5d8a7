package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Answers one Anthropic Messages request ({@code POST /v1/messages}) with one {@link Reply}, as Anthropic would:
 * streamed as {@code event:}/{@code data:} SSE frames when the request has {@code "stream": true}, otherwise as one
 * {@code message}. A completion streams {@code message_start}, a {@code ping}, a text block of {@code text_delta}s, a
 * {@code tool_use} block per call with its input in {@code input_json_delta}s of at most {@value
 * ToolCall#FRAGMENT_LENGTH} characters, {@code message_delta} (stop reason, output tokens) and {@code message_stop}.
 * Errors have Anthropic's body {@code {"type":"error","error":{"type","message"}}}; a scripted error {@code code}
 * replaces the type. Runs on the exchange's own (virtual) thread and blocks while it waits out scripted delays.
 */
final class AnthropicResponder implements Responder {

    private static final Duration PING_INTERVAL = Duration.ofMillis(100);

    private final HttpExchange exchange;
    private final boolean streaming;
    private final int inputTokens;
    private final AnthropicWire wire;
    private final BooleanSupplier upstreamClosed;

    AnthropicResponder(HttpExchange exchange, JsonNode request, String id, BooleanSupplier upstreamClosed) {
        this.exchange = exchange;
        this.streaming = request.path("stream").asBoolean(false);
        String prompt = request.path("system").toString() + request.path("messages");
        this.inputTokens = Math.max(1, prompt.length() / 4);
        this.wire = new AnthropicWire(id, request.path("model").asText());
        this.upstreamClosed = upstreamClosed;
    }

    @Override
    public boolean streaming() {
        return streaming;
    }

    /** Sends an error answer with Anthropic's body. */
    void refuse(int status, String type, String message) throws IOException {
        sendJson(status, AnthropicWire.error(type, message));
    }

    @Override
    public boolean stream(Reply.Completion reply) throws IOException, InterruptedException {
        Reply.Usage usage = reply.usageOr(inputTokens);
        SseWriter sse = open(usage.promptTokens());
        Pacer.pause(reply.delayBeforeFirstToken());
        Pacer pacer = new Pacer(reply.delayBetweenTokens());
        int block = 0;
        if (!reply.deltas().isEmpty()) {
            streamText(sse, block++, reply.deltas(), pacer);
        }
        for (ToolCall call : reply.toolCalls()) {
            pacer.beforeToken();
            send(sse, AnthropicWire.toolUseStart(block, call));
            for (String fragment : call.argumentFragments()) {
                pacer.beforeToken();
                send(sse, AnthropicWire.inputJsonDelta(block, fragment));
            }
            send(sse, AnthropicWire.blockStop(block++));
        }
        send(
                sse,
                AnthropicWire.messageDelta(
                        AnthropicWire.stopReason(reply.effectiveFinishReason()), usage.completionTokens()));
        send(sse, AnthropicWire.object("message_stop"));
        return true;
    }

    private void streamText(SseWriter sse, int block, List<String> deltas, Pacer pacer)
            throws IOException, InterruptedException {
        send(sse, AnthropicWire.textStart(block));
        for (String delta : deltas) {
            pacer.beforeToken();
            send(sse, AnthropicWire.textDelta(block, delta));
        }
        send(sse, AnthropicWire.blockStop(block));
    }

    @Override
    public boolean send(Reply.Completion reply) throws IOException, InterruptedException {
        Pacer.pause(reply.delayBeforeFirstToken());
        sendJson(200, wire.message(reply, reply.usageOr(inputTokens)));
        return true;
    }

    @Override
    public boolean send(Reply.HttpError error) throws IOException {
        if (!HttpAnswers.rawError(exchange, error)) {
            String type = error.code() != null ? error.code() : AnthropicWire.errorType(error.status());
            refuse(error.status(), type, error.message());
        }
        return true;
    }

    /** Starts a text answer, then ends the body without {@code message_stop} (or drops the connection). */
    @Override
    public boolean stream(Reply.BrokenStream reply) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Connection", "close");
        SseWriter sse = open(inputTokens);
        send(sse, AnthropicWire.textStart(0));
        Pacer pacer = new Pacer(reply.delayBetweenTokens());
        for (String delta : reply.deltas()) {
            pacer.beforeToken();
            send(sse, AnthropicWire.textDelta(0, delta));
        }
        if (reply.abrupt()) {
            throw new ChatResponder.DropConnection();
        }
        return false;
    }

    /** Text deltas, then an {@code error} event of type {@code api_error}, and the end of the body. */
    @Override
    public boolean stream(Reply.StreamError reply) throws IOException {
        SseWriter sse = open(inputTokens);
        if (!reply.deltasBefore().isEmpty()) {
            send(sse, AnthropicWire.textStart(0));
            for (String delta : reply.deltasBefore()) {
                send(sse, AnthropicWire.textDelta(0, delta));
            }
        }
        send(sse, AnthropicWire.error("api_error", reply.message()));
        return true;
    }

    /** Pings, as Anthropic does while a model thinks, until the client goes away or the time is up. */
    @Override
    public boolean stream(Reply.Hang hang) throws IOException, InterruptedException {
        SseWriter sse = open(inputTokens);
        long deadline = System.nanoTime() + hang.max().toNanos();
        while (System.nanoTime() < deadline && !upstreamClosed.getAsBoolean()) {
            Thread.sleep(PING_INTERVAL);
            send(sse, AnthropicWire.object("ping"));
        }
        send(sse, AnthropicWire.messageDelta("end_turn", 1));
        send(sse, AnthropicWire.object("message_stop"));
        return true;
    }

    @Override
    public boolean send(Reply.Hang hang) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + hang.max().toNanos();
        while (System.nanoTime() < deadline && !upstreamClosed.getAsBoolean()) {
            Thread.sleep(PING_INTERVAL);
        }
        return send(Reply.text(""));
    }

    /** The 200 headers, {@code message_start} and a {@code ping}. */
    private SseWriter open(int promptTokens) throws IOException {
        SseWriter sse = new SseWriter(exchange);
        sse.open();
        send(sse, wire.messageStart(promptTokens));
        send(sse, AnthropicWire.object("ping"));
        return sse;
    }

    /** One event, named by its {@code type} as Anthropic names them. */
    private static void send(SseWriter sse, ObjectNode event) throws IOException {
        sse.event(event.path("type").asText(), event);
    }

    private void sendJson(int status, ObjectNode json) throws IOException {
        HttpAnswers.json(exchange, status, json);
    }
}
