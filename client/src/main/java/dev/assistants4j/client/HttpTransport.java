package dev.assistants4j.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transport to an Assistants v2 server over HTTP, on the JDK's {@link HttpClient}: assistants4j, OpenAI, Azure
 * OpenAI (with {@link Builder#azure}), or a LiteLLM proxy. Every call carries {@code OpenAI-Beta: assistants=v2}, the
 * key and the configured headers; error answers become the {@link ApiException} their status names, failed or timed-out
 * connections {@link ApiConnectionException}. GET and DELETE are retried on 408, 409, 429 and 5xx answers and on
 * connection failures, with exponential backoff and jitter or the delay the server asks for; a POST never is, since it
 * may have taken effect. Thread-safe: one transport serves many calls at once.
 */
public final class HttpTransport implements Transport {

    /** The version this client reports in its {@code User-Agent}. */
    static final String VERSION = version();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final int MAX_ERROR_TEXT = 500;
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    private final String baseUrl;
    private final Map<String, String> headers;
    private final String apiVersion;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration idleTimeout;
    private final HttpClient client;
    private final boolean ownsClient;
    private volatile boolean closed;
    private ScheduledThreadPoolExecutor idleTimer;

    private HttpTransport(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.apiVersion = builder.apiVersion;
        this.timeout = builder.timeout;
        this.maxRetries = builder.maxRetries;
        this.idleTimeout = builder.idleTimeout;
        Map<String, String> all = new LinkedHashMap<>();
        all.put("User-Agent", "assistants4j-client/" + VERSION);
        all.put("OpenAI-Beta", "assistants=v2");
        if (builder.apiKey != null) {
            if (builder.apiVersion != null) {
                all.put("api-key", builder.apiKey);
            } else {
                all.put("Authorization", "Bearer " + builder.apiKey);
            }
        }
        all.putAll(builder.headers);
        this.headers = Collections.unmodifiableMap(all);
        this.ownsClient = builder.httpClient == null;
        this.client = ownsClient
                ? HttpClient.newBuilder()
                        // HTTP/1.1 everywhere: no h2c upgrade attempt, which some proxies in front of servers
                        // mishandle.
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(builder.connectTimeout)
                        .build()
                : builder.httpClient;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public JsonNode send(ApiRequest request) {
        HttpResponse<byte[]> response =
                execute(request, "application/json", HttpResponse.BodyHandlers.ofByteArray(), Function.identity());
        byte[] body = response.body();
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(
                    response.statusCode(),
                    "The answer to " + describe(request) + " is not JSON: " + readable(body),
                    null,
                    null,
                    null);
        }
    }

    @Override
    public EventStream stream(ApiRequest request) {
        HttpResponse<InputStream> response =
                execute(request, "text/event-stream", HttpResponse.BodyHandlers.ofInputStream(), HttpTransport::drain);
        return idleTimeout == null
                ? new SseEventStream(response.body())
                : new SseEventStream(response.body(), idleTimeout, idleTimer());
    }

    /** The thread that watches streams for idleness, started with the first stream that needs it. */
    private synchronized ScheduledExecutorService idleTimer() {
        if (idleTimer == null) {
            idleTimer = new ScheduledThreadPoolExecutor(1, task -> Thread.ofPlatform()
                    .daemon()
                    .name("assistants4j-stream-idle")
                    .unstarted(task));
            idleTimer.setRemoveOnCancelPolicy(true);
        }
        return idleTimer;
    }

    @Override
    public byte[] download(ApiRequest request) {
        return execute(request, "*/*", HttpResponse.BodyHandlers.ofByteArray(), Function.identity())
                .body();
    }

    /**
     * Closes the HTTP client this transport built (not one passed to {@link Builder#httpClient}), letting calls under
     * way finish; idempotent.
     */
    @Override
    public void close() {
        closed = true;
        if (ownsClient) {
            client.shutdown();
        }
        synchronized (this) {
            if (idleTimer != null) {
                idleTimer.shutdown();
            }
        }
    }

    /**
     * Sends {@code request} until it is answered with 2xx, retrying what may be retried, and returns that answer; its
     * body is read by {@code handler} and, for an error answer, turned into bytes by {@code errorBytes}.
     */
    private <T> HttpResponse<T> execute(
            ApiRequest request, String accept, HttpResponse.BodyHandler<T> handler, Function<T, byte[]> errorBytes) {
        if (closed) {
            throw new IllegalStateException("The transport is closed.");
        }
        HttpRequest http = toHttp(request, accept);
        boolean retriable = request.method().idempotent();
        for (int attempt = 0; ; attempt++) {
            boolean mayRetry = retriable && attempt < maxRetries;
            HttpResponse<T> response;
            try {
                response = await(client.sendAsync(http, handler), request);
            } catch (ApiConnectionException e) {
                if (!mayRetry || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                sleep(retryDelay(attempt, null, ThreadLocalRandom.current().nextDouble()), request);
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            byte[] body = errorBytes.apply(response.body());
            if (mayRetry && shouldRetry(status, response.headers())) {
                Duration delay = retryDelay(
                        attempt, response.headers(), ThreadLocalRandom.current().nextDouble());
                sleep(delay, request);
                continue;
            }
            throw ApiException.of(status, errorBody(body));
        }
    }

    private HttpRequest toHttp(ApiRequest request, String accept) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(url(request)));
        headers.forEach(http::setHeader);
        http.setHeader("Accept", accept);
        HttpRequest.BodyPublisher publisher =
                switch (request.body()) {
                    case RequestBody.None none -> HttpRequest.BodyPublishers.noBody();
                    case RequestBody.Json json -> {
                        http.setHeader("Content-Type", "application/json");
                        yield HttpRequest.BodyPublishers.ofByteArray(json(json));
                    }
                    case RequestBody.FileUpload upload -> {
                        Multipart.Encoded multipart = Multipart.encode(upload);
                        http.setHeader("Content-Type", multipart.contentType());
                        yield HttpRequest.BodyPublishers.ofByteArray(multipart.body());
                    }
                };
        return http.method(request.method().name(), publisher).build();
    }

    /** The request's URL: the base URL, its path and its query, with {@code api-version} last for Azure. */
    private String url(ApiRequest request) {
        List<ApiRequest.QueryParam> query = new ArrayList<>(request.query());
        if (apiVersion != null) {
            query.add(new ApiRequest.QueryParam("api-version", apiVersion));
        }
        StringBuilder url = new StringBuilder(baseUrl).append(request.path());
        char separator = '?';
        for (ApiRequest.QueryParam param : query) {
            url.append(separator).append(escape(param.name())).append('=').append(escape(param.value()));
            separator = '&';
        }
        return url.toString();
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] json(RequestBody.Json json) {
        try {
            return MAPPER.writeValueAsBytes(json.value());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The request body cannot be written as JSON", e);
        }
    }

    /**
     * Waits for the answer (for a stream: its headers) at most the call's timeout; a timeout or an interrupt cancels
     * the exchange.
     */
    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, ApiRequest request) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ApiConnectionException(describe(request) + " timed out after " + timeout, e, true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiConnectionException(describe(request) + " was interrupted", e, false);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e;
            while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            boolean timedOut = cause instanceof HttpTimeoutException;
            String what = cause instanceof ConnectException ? "could not connect" : timedOut ? "timed out" : "failed";
            String detail = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
            throw new ApiConnectionException(describe(request) + " " + what + ": " + detail, cause, timedOut);
        }
    }

    private static void sleep(Duration delay, ApiRequest request) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException(describe(request) + " was interrupted before its retry", e, false);
        }
    }

    /** Whether an error answer to an idempotent call is worth sending again; the server's x-should-retry decides. */
    static boolean shouldRetry(int status, HttpHeaders headers) {
        Optional<String> asked = headers.firstValue("x-should-retry");
        if (asked.isPresent() && (asked.get().equals("true") || asked.get().equals("false"))) {
            return asked.get().equals("true");
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * The wait before retry {@code attempt + 1}: what the answer's {@code retry-after-ms} or {@code Retry-After}
     * (seconds or an HTTP date) asks when that is at most a minute, else 0.5 s doubled per attempt up to 8 s, less up
     * to a quarter of it at random ({@code random} in [0, 1)) so that clients failing together spread out.
     */
    static Duration retryDelay(int attempt, HttpHeaders headers, double random) {
        Optional<Duration> asked = headers == null ? Optional.empty() : retryAfter(headers);
        if (asked.isPresent() && !asked.get().isNegative() && asked.get().compareTo(MAX_RETRY_AFTER) <= 0) {
            return asked.get();
        }
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 10));
        backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
        return Duration.ofNanos((long) (backoff.toNanos() * (1 - 0.25 * random)));
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(
                        Duration.ofNanos((long) (Double.parseDouble(millis.get().trim()) * 1_000_000)));
            } catch (NumberFormatException e) {
                // Fall through to Retry-After.
            }
        }
        Optional<String> after = headers.firstValue("retry-after").map(String::trim);
        if (after.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofNanos((long) (Double.parseDouble(after.get()) * 1_000_000_000)));
        } catch (NumberFormatException e) {
            try {
                var date = ZonedDateTime.parse(after.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(Instant.now(), date.toInstant()));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** An error answer's body: its JSON, its text made readable (a proxy's HTML page), or null when it is empty. */
    private static JsonNode errorBody(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json != null && !json.isMissingNode()) {
                return json;
            }
        } catch (IOException e) {
            // Not JSON: keep its text below.
        }
        String text = readable(body);
        return text.isEmpty() ? null : TextNode.valueOf(text);
    }

    /** A body as a short line of text: an HTML page's title, or its text without tags, cut at 500 characters. */
    static String readable(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher title = HTML_TITLE.matcher(text);
        if (title.find()) {
            text = title.group(1);
        }
        text = text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    /** Reads what is left of a streamed error answer (at most 1 MiB) and closes it. */
    private static byte[] drain(InputStream body) {
        try (body) {
            return body.readNBytes(1 << 20);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String describe(ApiRequest request) {
        return request.method() + " " + request.path();
    }

    private static String version() {
        try (InputStream in = HttpTransport.class.getResourceAsStream("client.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.contains("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // No version to report; fall back below.
        }
        return "unknown";
    }

    /** Configures an {@link HttpTransport}; {@link #baseUrl} is required. Not thread-safe. */
    public static final class Builder {

        private String baseUrl;
        private String apiKey;
        private String apiVersion;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofMinutes(10);
        private int maxRetries = 2;
        private Duration idleTimeout;
        private HttpClient httpClient;

        private Builder() {}

        /** The API's base URL, paths below it: {@code http://127.0.0.1:8080/v1}; a trailing slash is dropped. */
        public Builder baseUrl(String baseUrl) {
            String url = Objects.requireNonNull(baseUrl, "baseUrl").strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            URI uri = URI.create(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("The base URL must be an http or https URL: " + baseUrl);
            }
            this.baseUrl = url;
            return this;
        }

        /** The API key, sent as {@code Authorization: Bearer} (as {@code api-key} with {@link #azure}); none by default. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Azure OpenAI's style: the key in an {@code api-key} header, {@code api-version} on every call. */
        public Builder azure(String apiVersion) {
            this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
            return this;
        }

        /** A header sent with every call ({@code OpenAI-Organization}, {@code OpenAI-Project}, …); replaces a default. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            // Fails now, not at the first call, for a header the JDK's client refuses to send (Host, Connection, …).
            HttpRequest.newBuilder().setHeader(name, value);
            headers.put(name, value);
            return this;
        }

        /** How long to wait for a connection; 10 s by default. Ignored with {@link #httpClient}, which has its own. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long one attempt of a call may take, answer included; for a stream, how long to wait for it to start.
         * 10 minutes by default.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * How long a stream's reader may wait for its next line (an event, or a keep-alive comment) before the stream
         * fails as timed out; none by default, since a run may think for long between events.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /** How many times a GET or DELETE is sent again after a retriable failure; 2 by default, 0 for none. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be at least 0: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The HTTP client to use instead of one of the transport's own; closing the transport leaves it open. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public HttpTransport build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            return new HttpTransport(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
