package dev.assistants4j.providers;

import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.LlmProviderContract;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link LlmProviderContract} on the Anthropic adapter, over real HTTP to the fake's Messages API. */
class AnthropicProviderContractTest extends LlmProviderContract {

    @RegisterExtension
    final FakeAnthropic fake = new FakeAnthropic();

    private final FakeUpstream upstream = fake.upstream;
    private final AnthropicProvider provider = fake.provider;

    @Override
    protected LlmProvider answeringText(String text) {
        String[] words = text.split("(?<= )");
        upstream.enqueue(Reply.text(words).usage(9, words.length));
        return provider;
    }

    @Override
    protected Optional<LlmProvider> callingTools(List<ToolCall> calls) {
        upstream.enqueue(Reply.toolCalls(calls.toArray(ToolCall[]::new)));
        return Optional.of(provider);
    }

    @Override
    protected Optional<LlmProvider> cutOffAtLength(String text) {
        upstream.enqueue(Reply.text(text).finishReason("length"));
        return Optional.of(provider);
    }

    /** Refused on every attempt: the provider retries a 429 before it gives up. */
    @Override
    protected Optional<LlmProvider> refusingWith(int status, String message) {
        for (int attempt = 0; attempt <= FakeAnthropic.RETRIES; attempt++) {
            upstream.enqueue(Reply.error(status, message));
        }
        return Optional.of(provider);
    }
}
