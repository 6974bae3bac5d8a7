package dev.assistants4j.server.engine;

import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.server.OfficialNodeSdks;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm package's runs and code_interpreter scripts ({@code conformance/node/runs.mjs} and
 * {@code code_interpreter.mjs}, as {@link NodeSdkRunsConformanceTest} and {@link NodeSdkCodeInterpreterConformanceTest}
 * run them) with the assistant's model routed through the native adapters: {@code anthropic/…} on the fake's Messages
 * API and {@code gemini/…} on its generateContent API. The scripts script the same replies; the fake answers them in
 * each provider's wire protocol (streamed text, parallel tool calls, errors, usage).
 */
class NodeSdkNativeProvidersConformanceTest {

    @OfficialNodeSdks
    void runs_through_the_anthropic_adapter(String sdk, @TempDir Path dataDir, @TempDir Path logDir) throws Exception {
        NodeSdkScripts.assertPasses("runs.mjs", sdk, runs(dataDir, EngineTestSupport::routingToAnthropic), logDir);
    }

    @OfficialNodeSdks
    void runs_through_the_gemini_adapter(String sdk, @TempDir Path dataDir, @TempDir Path logDir) throws Exception {
        NodeSdkScripts.assertPasses("runs.mjs", sdk, runs(dataDir, EngineTestSupport::routingToGemini), logDir);
    }

    @OfficialNodeSdks
    void code_interpreter_through_the_anthropic_adapter(String sdk, @TempDir Path dataDir, @TempDir Path logDir)
            throws Exception {
        NodeSdkScripts.assertPasses(
                "code_interpreter.mjs", sdk, code(dataDir, EngineTestSupport::routingToAnthropic), logDir);
    }

    @OfficialNodeSdks
    void code_interpreter_through_the_gemini_adapter(String sdk, @TempDir Path dataDir, @TempDir Path logDir)
            throws Exception {
        NodeSdkScripts.assertPasses(
                "code_interpreter.mjs", sdk, code(dataDir, EngineTestSupport::routingToGemini), logDir);
    }

    private static NodeSdkScripts.ServerStart runs(Path dataDir, Function<FakeUpstream, ServerConfig> routing) {
        return upstream -> TestServer.start(Setup.of(dataDir, routing.apply(upstream))
                .withEngine(EngineTestSupport.FAST)
                .withFileSearch(FileSearch.NONE));
    }

    private static NodeSdkScripts.ServerStart code(Path dataDir, Function<FakeUpstream, ServerConfig> routing) {
        CodeInterpreterSource sandbox = SharedSandbox::get;
        return upstream -> TestServer.start(Setup.of(dataDir, routing.apply(upstream))
                .withEngine(EngineTestSupport.FAST)
                .withCode(sandbox));
    }
}
