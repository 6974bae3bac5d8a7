package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.search.HashEmbeddings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted, deterministic fake of an OpenAI-compatible LLM server for tests, on 127.0.0.1 and a random port.
 *
 * <p>It serves {@code POST /v1/chat/completions} (also under {@code /openai/v1/…} and Azure's {@code
 * /openai/deployments/{deployment}/chat/completions?api-version=…}), streamed as SSE when the request has {@code
 * "stream": true} (one flushed {@code data:} frame per delta, a usage chunk when {@code stream_options.include_usage},
 * then {@code data: [DONE]}), otherwise as one {@code chat.completion}. Each chat request takes the next {@link Reply}
 * from a FIFO queue ({@link #enqueue}); when the queue is empty it gets the {@link #defaultReply(Reply) default reply}
 * ({@code "ok"} unless changed), which may also be computed from the request's body ({@link
 * #defaultReply(Function)}, e.g. a model that answers a tool result differently from a question). {@code POST /v1/embeddings} answers with deterministic unit vectors (see {@link
 * #embedding(String, int)}). A body that is not a JSON object gets a 400 with an OpenAI error body, and so does a chat
 * request without {@code messages}; unknown paths get a 404.
 *
 * <p>It also speaks Anthropic's Messages API, natively, at {@code POST /v1/messages} (base URL {@link #endpoint()}):
 * the same scripted replies, answered as Anthropic would ({@link AnthropicResponder}: its SSE events, {@code tool_use}
 * input split over several {@code input_json_delta}s, its error bodies), after Anthropic's own checks of the request
 * ({@link AnthropicRequestCheck}: headers, {@code max_tokens}, alternating roles, tool results answering the calls).
 *
 * <p>And it speaks Gemini's API, natively, at {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse} and
 * {@code :generateContent} (base URL {@link #endpoint()}): the same scripted replies, answered as Gemini would ({@link
 * GeminiResponder}: {@code GenerateContentResponse} chunks, function calls whole, its error bodies), after Gemini's
 * checks of the request ({@link GeminiRequestCheck}: the key, alternating user and model turns, function responses
 * answering the calls, the parameter schemas). Gemini's native embeddings, {@code POST
 * /v1beta/models/{model}:batchEmbedContents}, get the same vectors as {@code /v1/embeddings} ({@link
 * GeminiEmbeddings}); its OpenAI-compatible ones, {@code POST /v1beta/openai/embeddings}, are answered as {@code
 * /v1/embeddings} is.
 *
 * <p>Every request is recorded before it is answered ({@link #requests()}, {@link #takeRequest(Duration)}).
 *
 * <p>Thread-safe: requests are served concurrently, each on its own virtual thread, and every method may be called
 * from any thread. Close it to stop the server and end replies still in progress.
 */
public final class FakeUpstream implements AutoCloseable {

    /** The embedding dimension used when the request does not ask for one, unless changed. */
    public static final int DEFAULT_EMBEDDING_DIMENSIONS = 8;

    /** Connections the kernel queues before they are accepted: bursts of them (benchmarks) wait, not fail. */
    private static final int ACCEPT_QUEUE = 4096;

    private static final Pattern AZURE_PATH =
            Pattern.compile("^/openai/deployments/([^/]+)/(chat/completions|embeddings)$");

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final AtomicLong completionIds = new AtomicLong();
    private final AtomicInteger completedReplies = new AtomicInteger();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final Semaphore disconnectSignals = new Semaphore(0);
    private volatile Function<JsonNode, Reply> defaultReply = body -> Reply.text("ok");
    private volatile int embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;
    private volatile List<String> models = List.of("gpt-4o", "gpt-4o-mini", "text-embedding-3-small");
    private volatile boolean closed;

    private FakeUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static FakeUpstream start() {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), ACCEPT_QUEUE);
            FakeUpstream upstream = new FakeUpstream(server, executor);
            server.setExecutor(executor);
            server.createContext("/", upstream::handle);
            server.start();
            return upstream;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("could not start the fake upstream", e);
        }
    }

    /** The OpenAI-style base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return endpoint() + "/v1";
    }

    /** The server root, e.g. {@code http://127.0.0.1:41234}: what an Azure client takes as its endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The model ids {@code GET /v1/models} lists (default: gpt-4o, gpt-4o-mini, text-embedding-3-small). */
    public FakeUpstream models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Appends replies to the queue; each chat request takes the first one. */
    public FakeUpstream enqueue(Reply... scripted) {
        for (Reply reply : scripted) {
            replies.add(Objects.requireNonNull(reply, "reply"));
        }
        return this;
    }

    /** The reply for chat requests that find the queue empty. */
    public FakeUpstream defaultReply(Reply reply) {
        Objects.requireNonNull(reply, "reply");
        this.defaultReply = body -> reply;
        return this;
    }

    /**
     * The reply for chat requests that find the queue empty, computed from each request's JSON body (called on the
     * request's own thread, so concurrently: {@code replies} must be thread-safe). It must not return null.
     */
    public FakeUpstream defaultReply(Function<JsonNode, Reply> replies) {
        this.defaultReply = Objects.requireNonNull(replies, "replies");
        return this;
    }

    /** The embedding dimension for requests without {@code dimensions}. */
    public FakeUpstream embeddingDimensions(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + dimensions);
        }
        this.embeddingDimensions = dimensions;
        return this;
    }

    /** Replies still queued. */
    public int pendingReplies() {
        return replies.size();
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    public int requestCount() {
        return recorded.size();
    }

    /**
     * The oldest request not taken yet, waiting up to {@code timeout} for one to arrive. Each request is taken once;
     * {@link #requests()} is not affected.
     */
    public Optional<RecordedRequest> takeRequest(Duration timeout) {
        try {
            return Optional.ofNullable(untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Chat replies sent to their end so far (errors included). A broken stream, or a reply cut short because the
     * client went away, does not count. Useful to tell whether a client saw a delta before the reply was complete.
     */
    public int completedReplies() {
        return completedReplies.get();
    }

    /** Times a client went away while a reply was being written. */
    public int disconnectCount() {
        return disconnects.get();
    }

    /**
     * Waits until a client has gone away in the middle of a reply, counting each disconnect once across calls.
     *
     * @return false if none happened within {@code timeout}
     */
    public boolean awaitDisconnect(Duration timeout) {
        try {
            return disconnectSignals.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The fake embedding of {@code text}: a unit vector derived from the SHA-256 of its UTF-8 bytes, the same on every
     * call and every machine.
     */
    public static float[] embedding(String text, int dimensions) {
        return HashEmbeddings.vector(text, dimensions);
    }

    /** Stops the server at once, dropping open connections and ending replies in progress. */
    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            serve(exchange);
            exchange.close();
        } catch (ChatResponder.DropConnection e) {
            throw e; // the server then closes the connection without ending the response
        } catch (IOException e) {
            disconnects.incrementAndGet();
            disconnectSignals.release();
            exchange.close();
        } catch (InterruptedException e) {
            exchange.close(); // closing down
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        RecordedRequest request = record(exchange);
        String path = request.path();
        Matcher azure = AZURE_PATH.matcher(path);
        String operation = azure.matches() ? azure.group(2) : path.replaceFirst("^(/v1beta/openai|(/openai)?/v1)/", "");
        Optional<GeminiCall> gemini = GeminiCall.of(request);
        boolean known = operation.equals("chat/completions") || operation.equals("embeddings");
        if (request.method().equals("GET") && (operation.equals("models") || operation.startsWith("models/"))) {
            models(exchange, operation);
        } else if (path.equals("/v1/messages") && request.method().equals("POST")) {
            anthropic(exchange, request);
        } else if (gemini.isPresent()) {
            gemini(exchange, request, gemini.get());
        } else if (GeminiEmbeddings.model(request).isPresent()) {
            GeminiEmbeddings.Answer answer = GeminiEmbeddings.answer(
                    request, GeminiEmbeddings.model(request).get(), embeddingDimensions);
            sendJson(exchange, answer.status(), answer.body());
        } else if (!known || !request.method().equals("POST")) {
            sendError(exchange, 404, "Invalid URL (%s %s)".formatted(request.method(), path), null, null);
        } else if (!request.body().isObject()) {
            sendError(exchange, 400, "We could not parse the JSON body of your request.", null, null);
        } else {
            String model = request.body().path("model").asText(azure.matches() ? azure.group(1) : "");
            if (operation.equals("embeddings")) {
                embeddings(exchange, request.body(), model);
            } else if (!request.body().path("messages").isArray()) {
                sendError(
                        exchange,
                        400,
                        "Missing required parameter: 'messages'.",
                        "messages",
                        "missing_required_parameter");
            } else {
                chat(exchange, request.body(), model);
            }
        }
    }

    /** Deterministic fake embeddings ({@link HashEmbeddings}), or OpenAI's 400 for a request they refuse. */
    private void embeddings(HttpExchange exchange, JsonNode body, String model) throws IOException {
        ObjectNode response;
        try {
            response = HashEmbeddings.response(body, model, embeddingDimensions);
        } catch (InvalidRequestException e) {
            sendError(
                    exchange,
                    400,
                    e.getMessage(),
                    e.param().orElse(null),
                    e.code().orElse(null));
            return;
        }
        sendJson(exchange, 200, response);
    }

    /** OpenAI's {@code GET /models} and {@code GET /models/{model}} over {@link #models(String...)}. */
    private void models(HttpExchange exchange, String operation) throws IOException {
        List<ObjectNode> known = models.stream().map(FakeUpstream::model).toList();
        if (operation.equals("models")) {
            ObjectNode list = WireJson.MAPPER.createObjectNode().put("object", "list");
            list.putArray("data").addAll(known);
            sendJson(exchange, 200, list);
            return;
        }
        String id = operation.substring("models/".length());
        Optional<ObjectNode> model =
                known.stream().filter(m -> m.path("id").asText().equals(id)).findFirst();
        if (model.isPresent()) {
            sendJson(exchange, 200, model.get());
        } else {
            sendError(exchange, 404, "The model '%s' does not exist".formatted(id), "model", "model_not_found");
        }
    }

    private static ObjectNode model(String id) {
        return WireJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("object", "model")
                .put("created", 1_715_367_049L)
                .put("owned_by", "system");
    }

    private void chat(HttpExchange exchange, JsonNode body, String model) throws IOException, InterruptedException {
        Reply reply = replies.poll();
        String id = "chatcmpl-fake%012d".formatted(completionIds.incrementAndGet());
        ChatResponder responder = new ChatResponder(exchange, body, model, id, () -> closed);
        if (responder.respond(reply != null ? reply : Objects.requireNonNull(defaultReply.apply(body), "reply"))) {
            completedReplies.incrementAndGet();
        }
    }

    /** Anthropic's Messages API: the request checked as Anthropic would, then answered with the next reply. */
    private void anthropic(HttpExchange exchange, RecordedRequest request) throws IOException, InterruptedException {
        String id = "msg_fake%016d".formatted(completionIds.incrementAndGet());
        AnthropicResponder responder = new AnthropicResponder(exchange, request.body(), id, () -> closed);
        Optional<AnthropicRequestCheck.Refusal> refusal = AnthropicRequestCheck.check(request);
        if (refusal.isPresent()) {
            responder.refuse(
                    refusal.get().status(), refusal.get().type(), refusal.get().message());
            return;
        }
        Reply reply = replies.poll();
        if (responder.respond(
                reply != null ? reply : Objects.requireNonNull(defaultReply.apply(request.body()), "reply"))) {
            completedReplies.incrementAndGet();
        }
    }

    /** Gemini's generateContent: the request checked as Gemini would, then answered with the next reply. */
    private void gemini(HttpExchange exchange, RecordedRequest request, GeminiCall call)
            throws IOException, InterruptedException {
        String id = "fake%016d".formatted(completionIds.incrementAndGet());
        GeminiResponder responder = new GeminiResponder(exchange, call, request.body(), id, () -> closed);
        Optional<AnthropicRequestCheck.Refusal> refusal = GeminiRequestCheck.check(request);
        if (refusal.isPresent()) {
            responder.refuse(refusal.get().status(), refusal.get().message());
            return;
        }
        Reply reply = replies.poll();
        if (responder.respond(
                reply != null ? reply : Objects.requireNonNull(defaultReply.apply(request.body()), "reply"))) {
            completedReplies.incrementAndGet();
        }
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String text = new String(raw, StandardCharsets.UTF_8);
        JsonNode body;
        try {
            body = text.isBlank() ? MissingNode.getInstance() : WireJson.MAPPER.readTree(text);
        } catch (IOException e) {
            body = MissingNode.getInstance();
        }
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        RecordedRequest request = new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                parseQuery(exchange.getRequestURI().getRawQuery()),
                headers,
                body,
                text);
        recorded.add(request);
        untaken.add(request);
        return request;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.putIfAbsent(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void sendError(HttpExchange exchange, int status, String message, String param, String code)
            throws IOException {
        ObjectNode error = WireJson.error(message, "invalid_request_error", code);
        ((ObjectNode) error.get("error")).put("param", param);
        sendJson(exchange, status, error);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
        HttpAnswers.json(exchange, status, json);
    }
}
