package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;

/** {@link OpenAiJavaRunsFileSearchTest} with the assistant's model routed to {@code anthropic/…} on the fake's Messages API. */
class OpenAiJavaRunsFileSearchAnthropicTest extends OpenAiJavaRunsFileSearchTest {

    @Override
    ServerExtension extension() {
        return super.extension().config((upstream, dir) -> EngineTestSupport.routingToAnthropic(upstream));
    }
}
