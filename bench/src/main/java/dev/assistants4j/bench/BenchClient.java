package dev.assistants4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark worker's HTTP client (HTTP/1.1, kept-alive connections): times streamed requests from send to the
 * line that carries the first delta, then reads the stream to its end so the connection can be reused. Not
 * thread-safe; one per worker.
 */
final class BenchClient {

    private static final Pattern ID = Pattern.compile("^\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String serverBase;
    private final String upstreamBase;
    private final String apiKey;

    /**
     * @param serverBase the assistants server, e.g. {@code http://127.0.0.1:8080/v1}
     * @param upstreamBase the fake upstream, e.g. {@code http://127.0.0.1:9090/v1}
     */
    BenchClient(String serverBase, String upstreamBase) {
        this(serverBase, upstreamBase, null);
    }

    /** As {@link #BenchClient(String, String)}, sending {@code apiKey} (if not null) to the server as a bearer key. */
    BenchClient(String serverBase, String upstreamBase, String apiKey) {
        this.serverBase = serverBase;
        this.upstreamBase = upstreamBase;
        this.apiKey = apiKey;
    }

    /** Creates an assistant and returns its id. */
    String createAssistant(String model) throws IOException, InterruptedException {
        return create("/assistants", "{\"model\":\"" + model + "\",\"instructions\":\"Be brief.\"}");
    }

    /** Creates a thread holding one user message and returns its id. */
    String createThread() throws IOException, InterruptedException {
        return create("/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    /** POSTs {@code body} to the server's {@code path} (e.g. {@code /threads}) and returns the created object's id. */
    String create(String path, String body) throws IOException, InterruptedException {
        return id(postJson(serverBase + path, body));
    }

    /** GETs the server's {@code path} (e.g. {@code /threads/thread_…}) and returns the body; fails on any non-200. */
    String get(String path) throws IOException, InterruptedException {
        return getUrl(serverBase + path);
    }

    /** GETs {@code url} (e.g. the server's health check, outside its API base) and returns the body; non-200 fails. */
    String getUrl(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Nanoseconds from sending a streamed chat completion to the upstream until its first content delta. */
    long directFirstDelta(String model) throws IOException, InterruptedException {
        return timeToFirst(
                upstreamBase + "/chat/completions", chatBody(model), BenchClient::isContentDelta, "data: [DONE]");
    }

    /**
     * As {@link #directFirstDelta}, through the server's own {@code /chat/completions} relay: the same HTTP server,
     * routing and upstream client as a run, without the store or the run engine.
     */
    long relayFirstDelta(String model) throws IOException, InterruptedException {
        return timeToFirst(
                serverBase + "/chat/completions", chatBody(model), BenchClient::isContentDelta, "data: [DONE]");
    }

    /** Nanoseconds from sending a non-streamed chat completion to the upstream until its whole answer is read. */
    long directCompletion(String model) throws IOException, InterruptedException {
        return timeToAnswer(upstreamBase + "/chat/completions", model);
    }

    /** As {@link #directCompletion}, through the server's own {@code /chat/completions} relay. */
    long relayCompletion(String model) throws IOException, InterruptedException {
        return timeToAnswer(serverBase + "/chat/completions", model);
    }

    private long timeToAnswer(String url, String model) throws IOException, InterruptedException {
        String body = "{\"model\":\"" + model + "\","
                + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}";
        long start = System.nanoTime();
        String answer = postJson(url, body);
        long elapsed = System.nanoTime() - start;
        if (!answer.contains("\"choices\"")) {
            throw new IOException("POST " + url + " answered no choices: " + answer);
        }
        return elapsed;
    }

    private static String chatBody(String model) {
        return "{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }

    /** Nanoseconds from sending a streamed run on {@code threadId} until its first {@code thread.message.delta}. */
    long serverFirstDelta(String threadId, String assistantId) throws IOException, InterruptedException {
        String body = "{\"assistant_id\":\"" + assistantId + "\",\"stream\":true}";
        return timeToFirst(
                serverBase + "/threads/" + threadId + "/runs",
                body,
                line -> line.equals("event: thread.message.delta"),
                "event: thread.run.completed");
    }

    /**
     * Streams a run on {@code threadId} to its end and returns its last {@code thread.run.*} event (e.g. {@code
     * thread.run.completed} or {@code thread.run.failed}).
     */
    String streamedRunOutcome(String threadId, String assistantId) throws IOException, InterruptedException {
        String body = "{\"assistant_id\":\"" + assistantId + "\",\"stream\":true}";
        HttpRequest request = request(serverBase + "/threads/" + threadId + "/runs")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String last = null;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("a streamed run answered " + response.statusCode() + ": "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            LineReader lines = new LineReader(in);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.startsWith("event: thread.run.")) {
                    last = line.substring("event: ".length());
                }
            }
        }
        if (last == null) {
            throw new IOException("a streamed run sent no thread.run event");
        }
        return last;
    }

    /** A chat-completion chunk whose delta has some text (the first chunk only carries the role). */
    private static boolean isContentDelta(String line) {
        return line.startsWith("data: {") && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"");
    }

    private long timeToFirst(String url, String body, Predicate<String> isFirst, String requiredLine)
            throws IOException, InterruptedException {
        HttpRequest request = request(url)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long first = -1;
        boolean sawRequired = false;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("POST " + url + " answered " + response.statusCode() + ": "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            LineReader lines = new LineReader(in);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (first < 0 && isFirst.test(line)) {
                    first = System.nanoTime() - start;
                }
                sawRequired |= line.equals(requiredLine);
            }
        }
        if (first < 0 || !sawRequired) {
            throw new IOException(
                    "POST " + url + ": the stream had no first delta or did not reach '" + requiredLine + "'");
        }
        return first;
    }

    private String postJson(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request(url)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** POSTs {@code body} to {@code url} of the server (an admin path, say) and returns the answer's body. */
    String post(String url, String body) throws IOException, InterruptedException {
        return postJson(url, body);
    }

    /** A request with the timeout, and the key when the request goes to the server. */
    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (apiKey != null && !url.startsWith(upstreamBase)) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private static String id(String json) throws IOException {
        Matcher matcher = ID.matcher(json);
        if (!matcher.find()) {
            throw new IOException("no id in " + json);
        }
        return matcher.group(1);
    }

    /**
     * Splits a byte stream into lines as the bytes arrive, so a line is seen as soon as its newline is read (no
     * read-ahead that waits for more input).
     */
    private static final class LineReader {

        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private int position;
        private int limit;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its end, or null at the end of the stream. */
        String next() throws IOException {
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, position, i - position);
                        position = i + 1;
                        String text = takeLine();
                        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                    }
                }
                line.write(buffer, position, limit - position);
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return line.size() > 0 ? takeLine() : null;
                }
            }
        }

        private String takeLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            return text;
        }
    }
}
