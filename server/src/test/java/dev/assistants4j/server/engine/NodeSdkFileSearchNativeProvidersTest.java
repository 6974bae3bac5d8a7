package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.NodeSdkFileSearchConformanceTest.assertFileSearchPasses;

import dev.assistants4j.server.OfficialNodeSdks;
import dev.assistants4j.server.ServerExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conformance/node/file_search.mjs}, as {@link NodeSdkFileSearchConformanceTest} runs it, with the assistant's
 * model routed through the native adapters: {@code anthropic/…} on the fake's Messages API (file_search is a {@code
 * tool_use} block, its results a {@code tool_result}) and {@code gemini/…} on its generateContent API (a {@code
 * functionCall} part, then a {@code functionResponse}). One server per adapter serves both SDKs.
 */
class NodeSdkFileSearchNativeProvidersTest {

    @RegisterExtension
    static final ServerExtension anthropic = ServerExtension.withFakeUpstream()
            .config((upstream, dir) -> EngineTestSupport.routingToAnthropic(upstream))
            .serverFileSearch()
            .perClass();

    @RegisterExtension
    static final ServerExtension gemini = ServerExtension.withFakeUpstream()
            .config((upstream, dir) -> EngineTestSupport.routingToGemini(upstream))
            .serverFileSearch()
            .perClass();

    @TempDir
    static Path logDir;

    @OfficialNodeSdks
    void file_search_through_the_anthropic_adapter(String sdk) throws Exception {
        assertFileSearchPasses(anthropic, sdk, logDir, "/v1/messages", "\"tool_result\"");
    }

    @OfficialNodeSdks
    void file_search_through_the_gemini_adapter(String sdk) throws Exception {
        assertFileSearchPasses(gemini, sdk, logDir, ":streamGenerateContent", "\"functionResponse\"");
    }
}
