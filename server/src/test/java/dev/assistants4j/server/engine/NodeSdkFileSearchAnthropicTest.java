package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.RecordedRequest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link NodeSdkFileSearchSuite} with the model routed as {@code anthropic/…} to the fake's Messages API: the
 * file_search tool is a tool_use block, its results a tool_result.
 */
class NodeSdkFileSearchAnthropicTest extends NodeSdkFileSearchSuite {

    @RegisterExtension
    static final ServerExtension server = ServerExtension.withFakeUpstream()
            .config((upstream, dir) -> EngineTestSupport.routingToAnthropic(upstream))
            .serverFileSearch()
            .perClass();

    @Override
    ServerExtension server() {
        return server;
    }

    @Override
    boolean returnsSearchResults(RecordedRequest request) {
        return request.path().equals("/v1/messages") && request.rawBody().contains("\"tool_result\"");
    }
}
