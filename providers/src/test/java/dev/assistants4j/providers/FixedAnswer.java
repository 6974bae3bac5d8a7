package dev.assistants4j.providers;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A server on 127.0.0.1 and a random port answering every request with one status and JSON body: an upstream's
 * answer the fake does not script (an embeddings error, a malformed vector). Close it after the test.
 */
final class FixedAnswer implements AutoCloseable {

    private final HttpServer server;

    private FixedAnswer(HttpServer server) {
        this.server = server;
    }

    static FixedAnswer start(int status, String body) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new FixedAnswer(server);
    }

    /** {@code http://127.0.0.1:{port}{path}}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
