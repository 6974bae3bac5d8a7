package dev.assistants4j.providers;

import dev.assistants4j.core.provider.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A Gemini model behind the Gemini API, spoken natively: {@code POST
 * {apiBase}/v1beta/models/{model}:streamGenerateContent?alt=sse} with the key in {@code x-goog-api-key}, always
 * streamed. {@link GeminiRequestMapper} builds the request, {@link GeminiEvents} reads the answer's chunks, {@link
 * GeminiErrors} its errors.
 *
 * <p>A 429 ({@code RESOURCE_EXHAUSTED}) or 503 ({@code UNAVAILABLE}, "the model is overloaded") is retried here, before
 * any event, as {@link OverloadRetries} does: by default twice, after 0.5 and 1 s, or after the delay Gemini asks for
 * ({@code retry-after}, or a {@code RetryInfo} detail) when that is at most {@link #MAX_RETRY_AFTER}. Once those are
 * spent the failure is thrown as a retriable {@link ProviderException}. Other errors are thrown at once with their
 * status.
 *
 * <p>Thread-safe, one connection pool; share it. {@link #stream} blocks until the answer's headers arrive (and through
 * the retries); the stream blocks on each chunk, fails with a retriable exception when the upstream is silent for the
 * read timeout, and aborts the request when closed from any thread. The key never appears in URLs, messages or logs.
 */
public final class GeminiProvider extends NativeProvider {

    /** The Gemini API. */
    public static final URI DEFAULT_API_BASE = URI.create("https://generativelanguage.googleapis.com");

    /** The longest delay Gemini may ask for before a retry; a longer one ends the retries. */
    public static final Duration MAX_RETRY_AFTER = OverloadRetries.MAX_RETRY_AFTER;

    /** Gemini's error bodies (with their RetryInfo delays) and chunks; 429 and 503 are worth waiting out. */
    private static final OverloadRetries.Protocol PROTOCOL =
            new OverloadRetries.Protocol(GeminiErrors::ofStatus, 503, GeminiErrors::retryDelay, GeminiEvents::new);

    private final URI apiBase;

    private GeminiProvider(Builder builder) {
        super(PROTOCOL, builder, new GeminiRequestMapper(JSON)::map);
        this.apiBase = builder.apiBase;
    }

    /**
     * A provider for {@code apiBase} with {@code apiKey}.
     *
     * @param apiBase e.g. {@link #DEFAULT_API_BASE}; one that already ends with {@code /v1beta} is accepted too
     * @param apiKey sent as {@code x-goog-api-key}; without one (a gateway that adds it) no key is sent, and Gemini
     *     itself answers 403
     */
    public static Builder builder(URI apiBase, Optional<String> apiKey) {
        return new Builder(Endpoints.withoutSuffix(apiBase, "/v1beta")).key("x-goog-api-key", "", apiKey);
    }

    /**
     * The URL a request for {@code model} is sent to. A name with a collection ({@code models/…}, {@code
     * tunedModels/…}) is taken as it is; any other is a {@code models/} name.
     */
    public URI streamUri(String model) {
        return Endpoints.gemini(apiBase, model, "streamGenerateContent?alt=sse");
    }

    @Override
    URI uri(String model) {
        return streamUri(model);
    }

    /**
     * Settings of a {@link GeminiProvider}. Defaults: connect timeout 10 s, read (idle) timeout 5 min, two retries of
     * a 429 or 503 after a first backoff of 500 ms. Not thread-safe; {@code build()} copies it.
     */
    public static final class Builder extends OverloadRetries.Settings<Builder, GeminiProvider> {

        private Builder(URI apiBase) {
            super(apiBase, GeminiProvider::new);
        }
    }
}
