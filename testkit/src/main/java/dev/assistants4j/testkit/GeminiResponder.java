package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Answers one Gemini {@code generateContent} or {@code streamGenerateContent} request with one {@link Reply}, as
 * Gemini would: streamed as {@code data:} SSE frames of {@code GenerateContentResponse}s for {@code
 * streamGenerateContent?alt=sse} (a chunk per text delta, the function calls whole in one chunk, a last chunk with the
 * finish reason and the usage, and no end marker), otherwise as one response. Errors have Gemini's body; a scripted
 * error {@code code} replaces the {@code status}, and a scripted retry-after becomes a {@code RetryInfo} detail (Gemini
 * sends no {@code Retry-After} header). Runs on the exchange's own (virtual) thread and blocks while it waits out
 * scripted delays.
 */
final class GeminiResponder implements Responder {

    private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofMillis(100);

    private final HttpExchange exchange;
    private final boolean streaming;
    private final int promptTokens;
    private final GeminiWire wire;
    private final BooleanSupplier upstreamClosed;

    GeminiResponder(HttpExchange exchange, GeminiCall call, JsonNode request, String id, BooleanSupplier closed) {
        this.exchange = exchange;
        this.streaming = call.streaming();
        String prompt = request.path("systemInstruction").toString() + request.path("contents");
        this.promptTokens = Math.max(1, prompt.length() / 4);
        this.wire = new GeminiWire(id, call.model());
        this.upstreamClosed = closed;
    }

    @Override
    public boolean streaming() {
        return streaming;
    }

    /** Sends an error answer with Gemini's body. */
    void refuse(int code, String message) throws IOException {
        HttpAnswers.json(exchange, code, GeminiWire.error(code, GeminiWire.status(code), message, null));
    }

    @Override
    public boolean stream(Reply.Completion reply) throws IOException, InterruptedException {
        SseWriter sse = open();
        Pacer.pause(reply.delayBeforeFirstToken());
        Pacer pacer = new Pacer(reply.delayBetweenTokens());
        for (String delta : reply.deltas()) {
            pacer.beforeToken();
            sse.data(wire.text(delta));
        }
        if (!reply.toolCalls().isEmpty()) {
            pacer.beforeToken();
            sse.data(wire.functionCalls(reply.toolCalls()));
        }
        sse.data(wire.last(reply.effectiveFinishReason(), reply.usageOr(promptTokens)));
        return true;
    }

    @Override
    public boolean send(Reply.Completion reply) throws IOException, InterruptedException {
        Pacer.pause(reply.delayBeforeFirstToken());
        HttpAnswers.json(exchange, 200, wire.response(reply, reply.usageOr(promptTokens)));
        return true;
    }

    @Override
    public boolean send(Reply.HttpError error) throws IOException {
        if (error.rawBody() != null) {
            return HttpAnswers.rawError(exchange, error);
        }
        String status = error.code() != null ? error.code() : GeminiWire.status(error.status());
        ObjectNode body = GeminiWire.error(error.status(), status, error.message(), error.retryAfter());
        HttpAnswers.json(exchange, error.status(), body);
        return true;
    }

    /** Text chunks, then the end of the body without a finish reason (or a dropped connection). */
    @Override
    public boolean stream(Reply.BrokenStream reply) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Connection", "close");
        SseWriter sse = open();
        Pacer pacer = new Pacer(reply.delayBetweenTokens());
        for (String delta : reply.deltas()) {
            pacer.beforeToken();
            sse.data(wire.text(delta));
        }
        if (reply.abrupt()) {
            throw new ChatResponder.DropConnection();
        }
        return false;
    }

    /** Text chunks, then an {@code error} object (500, {@code INTERNAL}), and the end of the body. */
    @Override
    public boolean stream(Reply.StreamError reply) throws IOException {
        SseWriter sse = open();
        for (String delta : reply.deltasBefore()) {
            sse.data(wire.text(delta));
        }
        sse.data(GeminiWire.error(500, "INTERNAL", reply.message(), null));
        return true;
    }

    /**
     * Nothing but SSE comments (so that a closed connection is noticed) until the client goes away or the time is up,
     * then an empty answer.
     */
    /** Gemini's answer that never comes is a stream that never starts either. */
    @Override
    public boolean send(Reply.Hang hang) throws IOException, InterruptedException {
        return stream(hang);
    }

    @Override
    public boolean stream(Reply.Hang hang) throws IOException, InterruptedException {
        SseWriter sse = streaming ? open() : null;
        long deadline = System.nanoTime() + hang.max().toNanos();
        while (System.nanoTime() < deadline && !upstreamClosed.getAsBoolean()) {
            Thread.sleep(KEEP_ALIVE_INTERVAL);
            if (sse != null) {
                sse.comment("keep-alive");
            }
        }
        if (sse == null) {
            return send(Reply.text(""));
        }
        sse.data(wire.last("stop", new Reply.Usage(promptTokens, 1)));
        return true;
    }

    private SseWriter open() throws IOException {
        SseWriter sse = new SseWriter(exchange);
        sse.open();
        return sse;
    }
}
