package dev.assistants4j.providers;

import dev.assistants4j.core.provider.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A Claude model behind Anthropic's Messages API, spoken natively: {@code POST {apiBase}/v1/messages} with {@code
 * x-api-key} and {@code anthropic-version: 2023-06-01}, always streamed. {@link AnthropicRequestMapper} builds the
 * request, {@link AnthropicEvents} reads the answer's events.
 *
 * <p>A 429 ({@code rate_limit_error}) or 529 ({@code overloaded_error}) answer is retried here, before any event, as
 * {@link OverloadRetries} does (honouring {@code retry-after} up to {@link #MAX_RETRY_AFTER}): by default twice, after
 * 0.5 and 1 s. Once those are spent the failure is thrown as a retriable {@link ProviderException}, which the run
 * engine may retry in its turn. Other errors are thrown at once with their status.
 *
 * <p>Thread-safe, one connection pool; share it. {@link #stream} blocks until the answer's headers arrive (and through
 * the retries); the stream blocks on each event, fails with a retriable exception when the upstream is silent for the
 * read timeout, and aborts the request when closed from any thread. The key never appears in messages or logs.
 */
public final class AnthropicProvider extends NativeProvider {

    /** Anthropic's public API. */
    public static final URI DEFAULT_API_BASE = URI.create("https://api.anthropic.com");

    /** The API version sent in {@code anthropic-version}. */
    public static final String API_VERSION = "2023-06-01";

    /** The longest {@code retry-after} waited for; a longer one ends the retries. */
    public static final Duration MAX_RETRY_AFTER = OverloadRetries.MAX_RETRY_AFTER;

    /** Anthropic's error bodies and events; 429 and 529 are worth waiting out. */
    private static final OverloadRetries.Protocol PROTOCOL = new OverloadRetries.Protocol(
            AnthropicErrors::ofStatus, 529, OverloadRetries.Protocol.noDelays(), AnthropicEvents::new);

    private final URI messages;

    private AnthropicProvider(Builder builder) {
        super(PROTOCOL, builder, new AnthropicRequestMapper(JSON)::map);
        this.messages = Endpoints.openAi(builder.apiBase, "v1/messages");
    }

    /**
     * A provider for {@code {apiBase}/v1/messages} with {@code apiKey}.
     *
     * @param apiBase e.g. {@link #DEFAULT_API_BASE}; one that already ends with {@code /v1} is accepted too
     * @param apiKey sent as {@code x-api-key}; without one (a gateway that adds it) no key is sent, and Anthropic itself
     *     answers 401
     */
    public static Builder builder(URI apiBase, Optional<String> apiKey) {
        return new Builder(Endpoints.withoutSuffix(apiBase, "/v1"))
                .header("anthropic-version", API_VERSION)
                .key("x-api-key", "", apiKey);
    }

    /** The URL requests are sent to. */
    public URI messagesUri() {
        return messages;
    }

    @Override
    URI uri(String model) {
        return messages;
    }

    /**
     * Settings of an {@link AnthropicProvider}. Defaults: connect timeout 10 s, read (idle) timeout 5 min, two retries
     * of a 429 or 529 after a first backoff of 500 ms. Not thread-safe; {@code build()} copies it.
     */
    public static final class Builder extends OverloadRetries.Settings<Builder, AnthropicProvider> {

        private Builder(URI apiBase) {
            super(apiBase, AnthropicProvider::new);
        }
    }
}
