package dev.assistants4j.providers;

import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.LlmProviderContract;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link LlmProviderContract} on the OpenAI-compatible adapter, over real HTTP to a scripted fake upstream. */
class OpenAiCompatibleProviderContractTest extends LlmProviderContract {

    @RegisterExtension
    final FakeOpenAi fake = new FakeOpenAi();

    private final FakeUpstream upstream = fake.upstream;
    private final OpenAiCompatibleProvider provider = fake.provider;

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

    @Override
    protected Optional<LlmProvider> refusingWith(int status, String message) {
        upstream.enqueue(Reply.error(status, message));
        return Optional.of(provider);
    }
}
