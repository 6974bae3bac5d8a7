package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;

/** {@link OpenAiJavaRunsCodeInterpreterTest} with the assistant's model routed to {@code anthropic/…} on the fake's Messages API. */
class OpenAiJavaRunsCodeInterpreterAnthropicTest extends OpenAiJavaRunsCodeInterpreterTest {

    @Override
    ServerExtension extension() {
        return super.extension().config((upstream, dir) -> EngineTestSupport.routingToAnthropic(upstream));
    }
}
