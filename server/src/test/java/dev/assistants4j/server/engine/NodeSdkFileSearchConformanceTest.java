package dev.assistants4j.server.engine;

import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.RecordedRequest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NodeSdkFileSearchSuite} with the model on the fake's OpenAI-compatible chat completions. */
class NodeSdkFileSearchConformanceTest extends NodeSdkFileSearchSuite {

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withFakeUpstream().serverFileSearch().perClass();

    @Override
    ServerExtension server() {
        return server;
    }

    @Override
    boolean returnsSearchResults(RecordedRequest request) {
        return request.path().equals("/v1/chat/completions")
                && request.rawBody().contains("\"role\":\"tool\"");
    }
}
