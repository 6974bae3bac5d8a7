package dev.assistants4j.providers;

import dev.assistants4j.testkit.FakeUpstream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeUpstream} and an OpenAI provider pointed at it ({@link ProviderTestSupport#openAi}), both closed after
 * the test. Register it on an instance field: each test gets its own.
 */
final class FakeOpenAi implements AfterEachCallback {

    final FakeUpstream upstream = FakeUpstream.start();
    final OpenAiCompatibleProvider provider = ProviderTestSupport.openAi(upstream);

    @Override
    public void afterEach(ExtensionContext context) {
        provider.close();
        upstream.close();
    }
}
