package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes whole (not streamed) answers of the fake upstream. An {@link IOException} means the client has gone. */
final class HttpAnswers {

    private HttpAnswers() {}

    static void json(HttpExchange exchange, int status, JsonNode json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        bytes(exchange, status, WireJson.MAPPER.writeValueAsBytes(json));
    }

    /**
     * The scripted error's {@code Retry-After} header (whole seconds, rounded up), if any; then, when the error has a
     * raw body, that body as {@code text/html}.
     *
     * @return true when the answer was sent (a raw body), false when the caller sends its own JSON error body
     */
    static boolean rawError(HttpExchange exchange, Reply.HttpError error) throws IOException {
        if (error.retryAfter() != null) {
            long seconds = (error.retryAfter().toMillis() + 999) / 1000;
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        }
        if (error.rawBody() == null) {
            return false;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        bytes(exchange, error.status(), error.rawBody().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    static void bytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
