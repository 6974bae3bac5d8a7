package dev.assistants4j.providers;

import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.LlmProviderContract;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link LlmProviderContract} on a native adapter (Anthropic, Gemini) over real HTTP to the fake speaking its API,
 * every answer scripted as a {@link Reply}. A subclass names the fake.
 */
abstract class NativeProviderContract extends LlmProviderContract {

    @RegisterExtension
    final NativeFake<?> fake = newFake();

    abstract NativeFake<?> newFake();

    private FakeUpstream upstream() {
        return fake.upstream;
    }

    private LlmProvider provider() {
        return fake.provider;
    }

    @Override
    protected LlmProvider answeringText(String text) {
        String[] words = text.split("(?<= )");
        upstream().enqueue(Reply.text(words).usage(9, words.length));
        return provider();
    }

    @Override
    protected Optional<LlmProvider> callingTools(List<ToolCall> calls) {
        upstream().enqueue(Reply.toolCalls(calls.toArray(ToolCall[]::new)));
        return Optional.of(provider());
    }

    @Override
    protected Optional<LlmProvider> cutOffAtLength(String text) {
        upstream().enqueue(Reply.text(text).finishReason("length"));
        return Optional.of(provider());
    }

    /** Refused on every attempt: the provider retries a 429 before it gives up. */
    @Override
    protected Optional<LlmProvider> refusingWith(int status, String message) {
        for (int attempt = 0; attempt <= NativeFake.RETRIES; attempt++) {
            upstream().enqueue(Reply.error(status, message));
        }
        return Optional.of(provider());
    }
}
