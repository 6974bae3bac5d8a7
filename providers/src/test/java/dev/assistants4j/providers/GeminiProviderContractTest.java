package dev.assistants4j.providers;

/** The {@link dev.assistants4j.testkit.LlmProviderContract} on the Gemini adapter, over real HTTP to the fake. */
class GeminiProviderContractTest extends NativeProviderContract {

    @Override
    NativeFake<?> newFake() {
        return NativeFake.gemini();
    }
}
