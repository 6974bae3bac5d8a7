package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderStream;
import java.net.URI;
import java.util.function.Function;

/**
 * What {@link AnthropicProvider} and {@link GeminiProvider} share: each request mapped to the API's JSON, POSTed to the
 * model's URL and streamed through {@link OverloadRetries} with the API's {@link OverloadRetries.Protocol}. Thread-safe
 * (one connection pool); closing it aborts the requests in progress.
 */
abstract sealed class NativeProvider implements LlmProvider, AutoCloseable permits AnthropicProvider, GeminiProvider {

    static final ObjectMapper JSON = new ObjectMapper();

    private final OverloadRetries calls;
    private final Function<ChatRequest, ObjectNode> bodies;

    /** A provider calling with {@code protocol} and {@code settings}, its request bodies made by {@code bodies}. */
    NativeProvider(
            OverloadRetries.Protocol protocol,
            OverloadRetries.Settings<?, ?> settings,
            Function<ChatRequest, ObjectNode> bodies) {
        this.calls = new OverloadRetries(protocol, JSON, settings);
        this.bodies = bodies;
    }

    /** The URL a request for {@code model} is sent to. */
    abstract URI uri(String model);

    @Override
    public final ProviderStream stream(ChatRequest request) {
        return calls.stream(uri(request.model()), bodies.apply(request), request.model());
    }

    /** Stops the HTTP client, aborting requests still in progress. */
    @Override
    public final void close() {
        calls.close();
    }
}
