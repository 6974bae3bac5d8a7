package dev.assistants4j.providers;

import dev.assistants4j.testkit.FakeUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeUpstream} speaking Gemini's API and a {@link GeminiProvider} pointed at it (two retries of 429/503
 * after 10 ms), both closed after the test. Register it on an instance field: each test gets its own.
 */
final class FakeGemini implements AfterEachCallback {

    static final String API_KEY = "AIza-test-secret-key-0123456789";
    static final int RETRIES = 2;

    final FakeUpstream upstream = FakeUpstream.start();
    final GeminiProvider provider = GeminiProvider.builder(URI.create(upstream.endpoint()), Optional.of(API_KEY))
            .retries(RETRIES, Duration.ofMillis(10))
            .build();

    @Override
    public void afterEach(ExtensionContext context) {
        provider.close();
        upstream.close();
    }
}
