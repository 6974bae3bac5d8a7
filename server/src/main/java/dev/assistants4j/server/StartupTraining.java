package dev.assistants4j.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assistants4j.server.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training workload of the launcher's start-up cache ({@code assistants4j train-startup}, run once per build with
 * {@code -XX:AOTCacheOutput} on JDK 25+): starts the server twice on a new data dir in a temporary directory (the
 * second start is the usual one, on an existing data dir), with every model routed to a small OpenAI-wire upstream in
 * this JVM, and makes the requests clients make first (health, assistants, threads, messages, files, a streamed run,
 * the chat-completions relay) a few times, so that the classes they load and the profiles of their methods are in the
 * cache. Leaves nothing behind. Not thread-safe; one run per process.
 */
final class StartupTraining {

    private static final int ROUNDS = 30;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String BOUNDARY = "assistants4j-training";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;

    private StartupTraining() {}

    /** Runs the workload in a temporary directory, which is deleted after it. */
    static void run() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("assistants4j-training-");
        HttpServer upstream = FakeChatUpstream.start();
        try {
            String config = """
                    model_list:
                      - model_name: "*"
                        litellm_params:
                          model: openai/*
                          api_base: http://127.0.0.1:%d/v1
                          api_key: sk-training
                    """.formatted(upstream.getAddress().getPort());
            Path configFile = Files.writeString(work.resolve("config.yaml"), config);
            Path dataDir = work.resolve("data");
            StartupTraining training = new StartupTraining();
            training.serve(configFile, dataDir, 1); // a new data dir: the store is created
            training.serve(configFile, dataDir, ROUNDS); // an existing one, as at most starts
        } finally {
            upstream.stop(0);
            deleteRecursively(work);
        }
    }

    private void serve(Path configFile, Path dataDir, int rounds) throws IOException, InterruptedException {
        AssistantsServer server = AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(ConfigLoader.load(configFile, Map.of()))
                .start();
        try {
            base = "http://127.0.0.1:" + server.port();
            for (int i = 0; i < rounds; i++) {
                round();
            }
        } finally {
            server.close();
        }
    }

    /** The requests of a client's first minutes, once each. */
    private void round() throws IOException, InterruptedException {
        send("GET", "/health/readiness", null);
        String assistant = id(send("POST", "/v1/assistants", "{\"model\":\"gpt-4o-mini\",\"name\":\"training\"}"));
        send("GET", "/v1/assistants?limit=20", null);
        send("GET", "/v1/assistants/" + assistant, null);
        send("GET", "/v1/models", null);
        String thread = id(send("POST", "/v1/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        send("POST", "/v1/threads/" + thread + "/messages", "{\"role\":\"user\",\"content\":\"And then?\"}");
        send("GET", "/v1/threads/" + thread + "/messages", null);
        send("POST", "/v1/threads/" + thread + "/runs", "{\"assistant_id\":\"" + assistant + "\",\"stream\":true}");
        send("GET", "/v1/threads/" + thread + "/runs", null);
        String chat = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
        send("POST", "/v1/chat/completions", chat + "}");
        send("POST", "/v1/chat/completions", chat + ",\"stream\":true}");
        String file = id(upload());
        send("GET", "/v1/files/" + file, null);
        send("DELETE", "/v1/files/" + file, null);
        send("DELETE", "/v1/threads/" + thread, null);
    }

    private String send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return check(method + " " + path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private String upload() throws IOException, InterruptedException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nSome notes.\r\n--" + BOUNDARY + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return check("POST /v1/files", http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static String check(String what, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String id(String json) throws IOException {
        Matcher matcher = ID.matcher(json);
        if (!matcher.find()) {
            throw new IOException("no id in " + json);
        }
        return matcher.group(1);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** An OpenAI-wire upstream on the JDK's HTTP server: a short chat completion, streamed when asked. */
    static final class FakeChatUpstream {

        private static final String CHUNK = "data: {\"id\":\"chatcmpl-t\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":%s%s}\n\n";
        private static final String USAGE =
                ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}";

        private FakeChatUpstream() {}

        static HttpServer start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/chat/completions", FakeChatUpstream::chat);
            server.createContext(
                    "/v1/models",
                    exchange -> answer(exchange, "application/json", "{\"object\":\"list\",\"data\":[]}"));
            server.start();
            return server;
        }

        private static void chat(HttpExchange exchange) throws IOException {
            String request;
            try (InputStream in = exchange.getRequestBody()) {
                request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!request.replace(" ", "").contains("\"stream\":true")) {
                answer(
                        exchange,
                        "application/json",
                        "{\"id\":\"chatcmpl-t\",\"object\":\"chat.completion\","
                                + "\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                + "\"assistant\",\"content\":\"Hello there.\"},\"finish_reason\":\"stop\"}]" + USAGE
                                + "}");
                return;
            }
            String delta = "[{\"index\":0,\"delta\":{%s},\"finish_reason\":%s}]";
            answer(
                    exchange,
                    "text/event-stream",
                    CHUNK.formatted(delta.formatted("\"role\":\"assistant\",\"content\":\"\"", "null"), "")
                            + CHUNK.formatted(delta.formatted("\"content\":\"Hello\"", "null"), "")
                            + CHUNK.formatted(delta.formatted("\"content\":\" there.\"", "null"), "")
                            + CHUNK.formatted(delta.formatted("", "\"stop\""), "")
                            + CHUNK.formatted("[]", USAGE)
                            + "data: [DONE]\n\n");
        }

        private static void answer(HttpExchange exchange, String type, String body) {
            try (exchange) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
