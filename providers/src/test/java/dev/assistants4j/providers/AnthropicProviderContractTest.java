package dev.assistants4j.providers;

import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.testkit.FakeUpstream;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link dev.assistants4j.testkit.LlmProviderContract} on the Anthropic adapter, over real HTTP to the fake. */
class AnthropicProviderContractTest extends NativeProviderContract {

    @RegisterExtension
    final FakeAnthropic fake = new FakeAnthropic();

    @Override
    FakeUpstream upstream() {
        return fake.upstream;
    }

    @Override
    LlmProvider provider() {
        return fake.provider;
    }

    @Override
    int retries() {
        return FakeAnthropic.RETRIES;
    }
}
