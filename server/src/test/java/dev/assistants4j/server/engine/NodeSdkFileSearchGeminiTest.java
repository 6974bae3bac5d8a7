package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.RecordedRequest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link NodeSdkFileSearchSuite} with the model routed as {@code gemini/…} to the fake's generateContent API: the
 * file_search tool is a functionCall part, its results a functionResponse.
 */
class NodeSdkFileSearchGeminiTest extends NodeSdkFileSearchSuite {

    @RegisterExtension
    static final ServerExtension server = ServerExtension.withFakeUpstream()
            .config((upstream, dir) -> EngineTestSupport.routingToGemini(upstream))
            .serverFileSearch()
            .perClass();

    @Override
    ServerExtension server() {
        return server;
    }

    /** A {@code :generateContent} or {@code :streamGenerateContent} call with a functionResponse part. */
    @Override
    boolean returnsSearchResults(RecordedRequest request) {
        return request.path().endsWith("enerateContent") && request.rawBody().contains("\"functionResponse\"");
    }
}
