package dev.assistants4j.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A scripted HTTP server for transport tests, on 127.0.0.1 and a random port: each request is recorded, then answered
 * by the next scripted {@link Answer}; an unscripted request gets a 599. Each exchange runs on its own thread, so an
 * answer may block (a stream held open) without holding up the others.
 */
final class ScriptedServer implements AutoCloseable {

    /** What the server saw of one request. */
    record Recorded(String method, URI uri, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How to answer one request. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    ScriptedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL the transport is given: {@code http://127.0.0.1:port/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    ScriptedServer then(Answer answer) {
        script.add(answer);
        return this;
    }

    /** Scripts an answer with {@code status}, a body of {@code contentType} and extra headers. */
    ScriptedServer then(int status, String contentType, String body, Map<String, String> headers) {
        return then(exchange -> {
            headers.forEach(exchange.getResponseHeaders()::add);
            respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
        });
    }

    ScriptedServer thenJson(int status, String json) {
        return then(status, "application/json", json, Map.of());
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.getFirst();
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Starts an event stream and sends {@code text} at once; what follows is the answer's to decide. */
    static void startStream(HttpExchange exchange, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Recorded(
                exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(), body));
        Answer answer = script.poll();
        try {
            if (answer == null) {
                respond(exchange, 599, "text/plain", "unscripted".getBytes(StandardCharsets.UTF_8));
            } else {
                answer.answer(exchange);
            }
        } catch (DropConnection e) {
            throw e; // the server then closes the connection without ending the response
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing down
        } catch (Exception e) {
            exchange.close();
            throw new IllegalStateException(e);
        }
        exchange.close();
    }

    /** Thrown by an answer to make the server drop the connection without ending the response. */
    static final class DropConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DropConnection() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
