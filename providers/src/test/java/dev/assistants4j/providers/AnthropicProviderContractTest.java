package dev.assistants4j.providers;

/** The {@link dev.assistants4j.testkit.LlmProviderContract} on the Anthropic adapter, over real HTTP to the fake. */
class AnthropicProviderContractTest extends NativeProviderContract {

    @Override
    NativeFake<?> newFake() {
        return NativeFake.anthropic();
    }
}
