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
    private final String root;

    /** @param root the server's root URL, e.g. {@code http://127.0.0.1:8080} */
    CrashHttp(String root) {
        this.root = root;
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
        return send(HttpRequest.newBuilder(URI.create(root + path))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build());
    }

    /** {@code POST root + path} with a JSON body. */
    Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(root + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** Whether {@code GET /health/readiness} answers 200 now (the store is open and takes writes). */
    boolean ready() throws InterruptedException {
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
                throw new IllegalStateException("the server at " + root + " was not ready within " + timeout);
            }
            Thread.sleep(PROBE_INTERVAL);
        }
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = MissingNode.getInstance();
        }
        return new Answer(response.statusCode(), body);
    }
}
