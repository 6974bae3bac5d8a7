package dev.assistants4j.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@code text/event-stream} response, flushing every frame so that each one reaches the client as it is
 * written. An {@link IOException} means the client has gone. Not thread-safe.
 */
final class SseWriter {

    private final HttpExchange exchange;
    private OutputStream out;

    SseWriter(HttpExchange exchange) {
        this.exchange = exchange;
    }

    /** Sends the 200 status and the headers (chunked transfer encoding). */
    void open() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        out = exchange.getResponseBody();
    }

    /** {@code data: {json}\n\n}. */
    void data(JsonNode json) throws IOException {
        try {
            write("data: " + WireJson.MAPPER.writeValueAsString(json) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code event: name\ndata: {json}\n\n}, as Anthropic sends its events. */
    void event(String name, JsonNode json) throws IOException {
        try {
            write("event: " + name + "\ndata: " + WireJson.MAPPER.writeValueAsString(json) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code data: [DONE]\n\n}. */
    void done() throws IOException {
        write("data: [DONE]\n\n");
    }

    /** {@code : text\n\n}, an SSE comment that carries no data. */
    void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    private void write(String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
