package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;

/** {@link OpenAiJavaRunsTest} with the assistant's model routed to {@code anthropic/…} on the fake's Messages API. */
class OpenAiJavaRunsAnthropicTest extends OpenAiJavaRunsTest {

    @Override
    ServerExtension extension() {
        return super.extension().config((upstream, dir) -> EngineTestSupport.routingToAnthropic(upstream));
    }
}
