package dev.assistants4j.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed POST to a natively spoken API (Anthropic's, Gemini's), with the answers that say the model is
 * overloaded or rate limited retried before any event: exponential backoff from a first wait, replaced by the
 * upstream's own delay (a {@code retry-after} header, or what its {@link Protocol} reads from the error body) up to
 * {@link #MAX_RETRY_AFTER}. Once the retries are spent the failure is thrown as it is (retriable), and the run engine
 * may retry in its turn; other errors are thrown at once. The {@link Protocol} tells the APIs apart.
 *
 * <p>Thread-safe; blocks through the retries until the answer's headers arrive. The returned stream fails retriable
 * when the upstream is silent for the read timeout.
 */
final class OverloadRetries {

    /** The longest upstream delay waited for; a longer one ends the retries. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(OverloadRetries.class);
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    /**
     * What differs between the native APIs. Immutable.
     *
     * @param refusals the failure an error answer stands for, its message without secrets
     * @param overloadStatus the API's "overloaded" status, waited out here as 429 is
     * @param retryDelays the delay an error body asks for, beyond the {@code retry-after} header
     * @param mappers a fresh mapper for one answer's events
     */
    record Protocol(
            Refusals refusals,
            int overloadStatus,
            BiFunction<byte[], ObjectMapper, Optional<Duration>> retryDelays,
            Function<Secrets, StreamMapper> mappers) {

        /** The failure an error answer stands for. */
        @FunctionalInterface
        interface Refusals {
            ProviderException refusal(int status, byte[] body, ObjectMapper json, Secrets secrets);
        }

        /** True for the statuses worth waiting out here (429 and the API's "overloaded"). */
        boolean overloaded(int status) {
            return status == 429 || status == overloadStatus;
        }

        /** An API whose error bodies name no delay. */
        static BiFunction<byte[], ObjectMapper, Optional<Duration>> noDelays() {
            return (body, json) -> Optional.empty();
        }
    }

    private final UpstreamHttp http;
    private final Protocol protocol;
    private final ObjectMapper json;
    private final int maxRetries;
    private final Duration firstBackoff;

    /** Calls with an HTTP client of their own, made from {@code settings}; {@link #close()} stops it. */
    OverloadRetries(Protocol protocol, ObjectMapper json, Settings<?, ?> settings) {
        this.http = new UpstreamHttp(settings);
        this.protocol = protocol;
        this.json = json;
        this.maxRetries = settings.maxRetries;
        this.firstBackoff = settings.retryBackoff;
    }

    /** POSTs {@code request} to {@code uri} until it is answered or refused for good. */
    ProviderStream stream(URI uri, ObjectNode request, String model) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Duration backoff = firstBackoff;
        for (int attempt = 0; ; attempt++) {
            Attempt answer = send(uri, body, model);
            if (answer instanceof Attempt.Answered answered) {
                return answered.stream();
            }
            Attempt.Refused refused = (Attempt.Refused) answer;
            ProviderException failure = refused.failure();
            Duration wait = refused.retryAfter().orElse(backoff);
            if (!protocol.overloaded(failure.status())
                    || attempt >= maxRetries
                    || wait.compareTo(MAX_RETRY_AFTER) > 0) {
                throw failure;
            }
            LOG.debug("{} answered HTTP {}; retrying in {} ms", uri, failure.status(), wait.toMillis());
            pause(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    private Attempt send(URI uri, byte[] json, String model) {
        LOG.debug("POST {} model={}", withoutQuery(uri), model);
        HttpResponse<InputStream> response;
        try {
            response = http.post(uri, json, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.debug("POST {} failed: {}", withoutQuery(uri), e.getClass().getName());
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
            LOG.debug("{} answered HTTP {} for model {}", withoutQuery(uri), status, model);
            Optional<Duration> delay = retryAfter(response.headers().firstValue("retry-after"))
                    .or(() -> protocol.retryDelays().apply(errorBody, this.json));
            return new Attempt.Refused(
                    protocol.refusals().refusal(status, errorBody, this.json, http.secrets()), delay);
        }
        return new Attempt.Answered(new SseStream(
                body, idleTimer, http.readTimeout(), protocol.mappers().apply(http.secrets()), this.json));
    }

    /** A {@code retry-after} in whole seconds; HTTP dates and other values are ignored. */
    private static Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::strip)
                .filter(value -> value.matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }

    /** What one request got: a stream, or an error answer with the delay it asks for. */
    private sealed interface Attempt {
        record Answered(ProviderStream stream) implements Attempt {}

        record Refused(ProviderException failure, Optional<Duration> retryAfter) implements Attempt {}
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait); // backoff before a retry, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while waiting to retry the model provider", 0, false, e);
        }
    }

    /** The URL as logged: a query could carry a key. */
    private static String withoutQuery(URI uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // aborting anyway
        }
    }

    /** Stops the HTTP client, aborting requests still in progress. */
    void close() {
        http.close();
    }

    /**
     * The settings of a native provider's builder: the HTTP settings and the retries. Defaults: connect timeout 10 s,
     * read (idle) timeout 5 min, two retries after a first backoff of 500 ms. Not thread-safe.
     */
    abstract static sealed class Settings<B extends Settings<B, P>, P> extends UpstreamHttp.Settings<B>
            permits AnthropicProvider.Builder, GeminiProvider.Builder {

        /** The API base the provider's URLs start with. */
        final URI apiBase;

        private final Function<B, P> factory;
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofMillis(500);

        Settings(URI apiBase, Function<B, P> factory) {
            super(Duration.ofMinutes(5));
            this.apiBase = apiBase;
            this.factory = factory;
        }

        /** A new provider with these settings and its own HTTP client. */
        public P build() {
            return factory.apply(self());
        }

        /**
         * How often an overloaded or rate-limited answer is retried before the failure is thrown (0: never), and the
         * first wait, doubled for each further retry; the upstream's own delay replaces the wait.
         */
        public B retries(int max, Duration firstBackoff) {
            if (max < 0) {
                throw new IllegalArgumentException("max retries must not be negative");
            }
            this.maxRetries = max;
            this.retryBackoff = Endpoints.requirePositive(firstBackoff, "firstBackoff");
            return self();
        }
    }
}
