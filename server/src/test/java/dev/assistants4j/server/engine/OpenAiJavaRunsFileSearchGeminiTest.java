package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;

/** {@link OpenAiJavaRunsFileSearchTest} with the assistant's model routed to {@code gemini/…} on the fake's Gemini API. */
class OpenAiJavaRunsFileSearchGeminiTest extends OpenAiJavaRunsFileSearchTest {

    @Override
    ServerExtension extension() {
        return super.extension().config((upstream, dir) -> EngineTestSupport.routingToGemini(upstream));
    }
}
