package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderStream;
import java.net.URI;

/**
 * What {@link AnthropicProvider} and {@link GeminiProvider} share: each request mapped to the API's JSON, POSTed to the
 * model's URL and streamed through {@link OverloadRetries} with the API's {@link OverloadRetries.Protocol}. Thread-safe
 * (one connection pool); closing it aborts the requests in progress.
 */
abstract sealed class NativeProvider implements LlmProvider, AutoCloseable permits AnthropicProvider, GeminiProvider {

    static final ObjectMapper JSON = new ObjectMapper();

    private final OverloadRetries calls;

    NativeProvider(OverloadRetries.Protocol protocol, OverloadRetries.Settings<?, ?> settings) {
        this.calls = new OverloadRetries(protocol, JSON, settings);
    }

    /** The URL a request for {@code model} is sent to. */
    abstract URI uri(String model);

    /** The API's request body for {@code request}. */
    abstract ObjectNode body(ChatRequest request);

    @Override
    public final ProviderStream stream(ChatRequest request) {
        return calls.stream(uri(request.model()), body(request), request.model());
    }

    /** Stops the HTTP client, aborting requests still in progress. */
    @Override
    public final void close() {
        calls.close();
    }
}
