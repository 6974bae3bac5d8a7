package dev.assistants4j.providers;

import dev.assistants4j.testkit.FakeUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeUpstream} speaking Anthropic's Messages API and an {@link AnthropicProvider} pointed at it (two retries
 * of 429/529 after 10 ms), both closed after the test. Register it on an instance field: each test gets its own.
 */
final class FakeAnthropic implements AfterEachCallback {

    static final String API_KEY = "sk-ant-test-secret-key-0123456789";
    static final int RETRIES = 2;

    final FakeUpstream upstream = FakeUpstream.start();
    final AnthropicProvider provider = AnthropicProvider.builder(URI.create(upstream.endpoint()), Optional.of(API_KEY))
            .retries(RETRIES, Duration.ofMillis(10))
            .build();

    @Override
    public void afterEach(ExtensionContext context) {
        provider.close();
        upstream.close();
    }
}
