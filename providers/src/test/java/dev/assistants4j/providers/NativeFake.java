package dev.assistants4j.providers;

import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeUpstream} speaking a native API (Anthropic's Messages API, Gemini's API) and the provider pointed at it
 * (two retries of 429 and overloads after 10 ms), both closed after the test. Register it on an instance field: each
 * test gets its own.
 */
final class NativeFake<P extends LlmProvider & AutoCloseable> implements AfterEachCallback {

    static final String ANTHROPIC_KEY = "sk-ant-test-secret-key-0123456789";
    static final String GEMINI_KEY = "AIza-test-secret-key-0123456789";

    /** How often the provider retries a 429 (or an overload) before it gives up. */
    static final int RETRIES = 2;

    private static final Duration PAUSE = Duration.ofMillis(10);

    final FakeUpstream upstream = FakeUpstream.start();
    final String apiKey;
    final P provider;

    private NativeFake(String apiKey, BiFunction<URI, Optional<String>, P> provider) {
        this.apiKey = apiKey;
        this.provider = provider.apply(URI.create(upstream.endpoint()), Optional.of(apiKey));
    }

    /** An {@link AnthropicProvider} retrying 429/529. */
    static NativeFake<AnthropicProvider> anthropic() {
        return new NativeFake<>(ANTHROPIC_KEY, (uri, key) -> AnthropicProvider.builder(uri, key)
                .retries(RETRIES, PAUSE)
                .build());
    }

    /** A {@link GeminiProvider} retrying 429/503. */
    static NativeFake<GeminiProvider> gemini() {
        return new NativeFake<>(GEMINI_KEY, (uri, key) -> GeminiProvider.builder(uri, key)
                .retries(RETRIES, PAUSE)
                .build());
    }

    /** Streams the answer to {@code request} to the end and returns the request the fake received. */
    RecordedRequest send(ChatRequest request) {
        ProviderTestSupport.drain(provider.stream(request));
        return ProviderTestSupport.received(upstream);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        provider.close();
        upstream.close();
    }
}
