package dev.assistants4j.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Claude model behind Anthropic's Messages API, spoken natively: {@code POST {apiBase}/v1/messages} with {@code
 * x-api-key} and {@code anthropic-version: 2023-06-01}, always streamed. {@link AnthropicRequestMapper} builds the
 * request, {@link AnthropicEvents} reads the answer's events.
 *
 * <p>A 429 ({@code rate_limit_error}) or 529 ({@code overloaded_error}) answer is retried here, before any event,
 * with exponential backoff (honouring {@code retry-after} up to {@link #MAX_RETRY_AFTER}): by default twice, after 0.5
 * and 1 s. Once those are spent the failure is thrown as a retriable {@link ProviderException}, which the run engine
 * may retry in its turn. Other errors are thrown at once with their status.
 *
 * <p>Thread-safe, one connection pool; share it. {@link #stream} blocks until the answer's headers arrive (and through
 * the retries); the stream blocks on each event, fails with a retriable exception when the upstream is silent for the
 * read timeout, and aborts the request when closed from any thread. The key never appears in messages or logs.
 */
public final class AnthropicProvider implements LlmProvider, AutoCloseable {

    /** Anthropic's public API. */
    public static final URI DEFAULT_API_BASE = URI.create("https://api.anthropic.com");

    /** The API version sent in {@code anthropic-version}. */
    public static final String API_VERSION = "2023-06-01";

    /** The longest {@code retry-after} waited for; a longer one ends the retries. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final UpstreamHttp http;
    private final URI messages;
    private final AnthropicRequestMapper mapper = new AnthropicRequestMapper(JSON);
    private final int maxRetries;
    private final Duration retryBackoff;

    private AnthropicProvider(Builder builder) {
        this.http = new UpstreamHttp(builder);
        this.messages = Endpoints.openAi(builder.apiBase, "v1/messages");
        this.maxRetries = builder.maxRetries;
        this.retryBackoff = builder.retryBackoff;
    }

    /**
     * A provider for {@code {apiBase}/v1/messages} with {@code apiKey}.
     *
     * @param apiBase e.g. {@link #DEFAULT_API_BASE}; one that already ends with {@code /v1} is accepted too
     * @param apiKey sent as {@code x-api-key}; without one (a gateway that adds it) no key is sent, and Anthropic itself
     *     answers 401
     */
    public static Builder builder(URI apiBase, Optional<String> apiKey) {
        Builder builder = new Builder(withoutV1(apiBase)).header("anthropic-version", API_VERSION);
        apiKey.filter(key -> !key.isBlank()).ifPresent(key -> builder.header("x-api-key", key));
        return builder;
    }

    /** The URL requests are sent to. */
    public URI messagesUri() {
        return messages;
    }

    @Override
    public ProviderStream stream(ChatRequest request) {
        byte[] body = toJson(request);
        Duration backoff = retryBackoff;
        for (int attempt = 0; ; attempt++) {
            Attempt answer = send(body, request.model());
            if (answer instanceof Attempt.Answered answered) {
                return answered.stream();
            }
            Attempt.Refused refused = (Attempt.Refused) answer;
            ProviderException failure = refused.failure();
            Duration wait = refused.retryAfter().orElse(backoff);
            if (!overloaded(failure) || attempt >= maxRetries || wait.compareTo(MAX_RETRY_AFTER) > 0) {
                throw failure;
            }
            LOG.debug("{} answered HTTP {}; retrying in {} ms", messages, failure.status(), wait.toMillis());
            pause(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    /** Stops the HTTP client, aborting requests still in progress. */
    @Override
    public void close() {
        http.close();
    }

    private Attempt send(byte[] json, String model) {
        LOG.debug("POST {} model={}", messages, model);
        HttpResponse<InputStream> response;
        try {
            response = http.post(messages, json, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.debug("POST {} failed: {}", messages, e.getClass().getName());
            throw UpstreamErrors.ofTransport(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while calling the model provider", 0, false, e);
        }
        InputStream body = response.body();
        IdleTimer idleTimer = IdleTimer.start(http.readTimeout(), () -> closeQuietly(body));
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            byte[] errorBody = ErrorBodies.read(body, idleTimer, MAX_ERROR_BODY_BYTES);
            LOG.debug("{} answered HTTP {} for model {}", messages, status, model);
            return new Attempt.Refused(
                    AnthropicErrors.ofStatus(status, errorBody, JSON, http.secrets()),
                    retryAfter(response.headers().firstValue("retry-after")));
        }
        return new Attempt.Answered(
                new SseStream(body, idleTimer, http.readTimeout(), new AnthropicEvents(http.secrets()), JSON));
    }

    /** A {@code retry-after} in whole seconds; HTTP dates and other values are ignored. */
    private static Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::strip)
                .filter(value -> value.matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }

    /** What one request got: a stream, or an error answer with its {@code retry-after}. */
    private sealed interface Attempt {
        record Answered(ProviderStream stream) implements Attempt {}

        record Refused(ProviderException failure, Optional<Duration> retryAfter) implements Attempt {}
    }

    private static boolean overloaded(ProviderException failure) {
        return failure.status() == 429 || failure.status() == 529;
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while waiting to retry the model provider", 0, false, e);
        }
    }

    private byte[] toJson(ChatRequest request) {
        try {
            return JSON.writeValueAsBytes(mapper.map(request));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI withoutV1(URI apiBase) {
        String text = apiBase.toString().replaceAll("/+$", "");
        return URI.create(text.endsWith("/v1") ? text.substring(0, text.length() - 3) : text);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // aborting anyway
        }
    }

    /**
     * Settings of an {@link AnthropicProvider}. Defaults: connect timeout 10 s, read (idle) timeout 5 min, two retries
     * of a 429 or 529 after a first backoff of 500 ms. Not thread-safe; {@link #build()} copies it.
     */
    public static final class Builder extends UpstreamHttp.Settings<Builder> {

        private final URI apiBase;
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofMillis(500);

        private Builder(URI apiBase) {
            super(Duration.ofMinutes(5));
            this.apiBase = apiBase;
        }

        /**
         * How often a 429 or 529 is retried before the failure is thrown (0: never), and the first wait, doubled for
         * each further retry; a {@code retry-after} header replaces the wait.
         */
        public Builder retries(int max, Duration firstBackoff) {
            if (max < 0) {
                throw new IllegalArgumentException("max retries must not be negative");
            }
            this.maxRetries = max;
            this.retryBackoff = Endpoints.requirePositive(firstBackoff, "firstBackoff");
            return this;
        }

        /** A new provider with these settings and its own HTTP client. */
        public AnthropicProvider build() {
            return new AnthropicProvider(this);
        }
    }
}
