package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON over HTTP to the server of the crash bench. A request either gets an {@link Answer} or throws an
 * {@link IOException}: no answer came, because the server was killed before or while it answered (or is still
 * starting). Whether such a request took effect is unknown; the caller reads the state again. Thread-safe: one
 * {@code java.net.http} client (HTTP/1.1) shared by all workers.
 */
final class CrashHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(20);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> roots;
    private final AtomicInteger next = new AtomicInteger();

    /** @param root the server's root URL, e.g. {@code http://127.0.0.1:8080} */
    CrashHttp(String root) {
        this(List.of(root));
    }

    /**
     * A client of several nodes serving one API (the chaos bench): each request goes to the next node in turn, as a
     * round-robin load balancer would send it, and {@link #ready()} holds when any node is ready.
     */
    CrashHttp(List<String> roots) {
        this.roots = List.copyOf(roots);
    }

    private String root() {
        return roots.get(Math.floorMod(next.getAndIncrement(), roots.size()));
    }

    /** An HTTP answer with its body parsed as JSON (a {@code MissingNode} when it is not JSON). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The status and the body, for evidence. */
        String describe() {
            return status + " " + body;
        }
    }

    /** {@code GET root + path}. */
    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(root() + path))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build());
    }

    /** {@code POST root + path} with a JSON body. */
    Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(root() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /**
     * A streamed {@code POST root + path} (SSE): hands the data of each {@code event} to {@code events} as it comes,
     * until the stream ends.
     *
     * @return the HTTP status
     * @throws IOException when no answer came or the stream was cut (a killed node)
     */
    int postStreamed(String path, JsonNode body, java.util.function.BiConsumer<String, JsonNode> events)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root() + path))
                .timeout(REQUEST_TIMEOUT.multipliedBy(4))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<java.util.stream.Stream<String>> response = failover(request, HttpResponse.BodyHandlers.ofLines());
        String event = null;
        try (java.util.stream.Stream<String> lines = response.body()) {
            for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ") && event != null && response.statusCode() == 200) {
                    String data = line.substring("data: ".length());
                    events.accept(event, data.startsWith("{") ? JSON.readTree(data) : MissingNode.getInstance());
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return response.statusCode();
    }

    /**
     * Sends {@code request}; with several nodes, a refused connection (a dead node: the request never reached it, so
     * it took no effect) is sent to the next node, as a load balancer would, each node tried once.
     */
    private <T> HttpResponse<T> failover(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpRequest attempt = request;
        for (int tries = 1; ; tries++) {
            try {
                return http.send(attempt, body);
            } catch (java.net.ConnectException e) {
                if (tries >= roots.size()) throw e;
                URI uri = attempt.uri();
                String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                attempt = HttpRequest.newBuilder(request, (name, value) -> true)
                        .uri(URI.create(root() + path))
                        .build();
            }
        }
    }

    /** Whether {@code GET /health/readiness} answers 200 now at any node (the store is open and takes writes). */
    boolean ready() throws InterruptedException {
        for (String root : roots) {
            if (ready(root)) return true;
        }
        return false;
    }

    private boolean ready(String root) throws InterruptedException {
        try {
            HttpRequest probe = HttpRequest.newBuilder(URI.create(root + "/health/readiness"))
                    .timeout(PROBE_TIMEOUT)
                    .GET()
                    .build();
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until the server is ready again (after a kill, until the killer has restarted it).
     *
     * @throws IllegalStateException when it is not ready within {@code timeout}
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no server of " + roots + " was ready within " + timeout);
            }
            Thread.sleep(PROBE_INTERVAL);
        }
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = failover(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = MissingNode.getInstance();
        }
        return new Answer(response.statusCode(), body);
    }
}
