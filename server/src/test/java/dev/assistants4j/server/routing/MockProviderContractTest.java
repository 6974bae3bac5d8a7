package dev.assistants4j.server.routing;

import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.testkit.LlmProviderContract;
import dev.assistants4j.testkit.ToolCall;
import java.util.List;
import java.util.Optional;

/**
 * The {@link LlmProviderContract} on the offline {@code mock/…} provider, answering with the config's mock_response.
 * It only ever answers with text, so the tool call, length and refusal tests are skipped.
 */
class MockProviderContractTest extends LlmProviderContract {

    @Override
    protected LlmProvider answeringText(String text) {
        return new MockProvider(text);
    }

    @Override
    protected Optional<LlmProvider> callingTools(List<ToolCall> calls) {
        return Optional.empty();
    }

    @Override
    protected Optional<LlmProvider> cutOffAtLength(String text) {
        return Optional.empty();
    }

    @Override
    protected Optional<LlmProvider> refusingWith(int status, String message) {
        return Optional.empty();
    }
}
