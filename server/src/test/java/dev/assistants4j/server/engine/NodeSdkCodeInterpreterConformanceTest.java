package dev.assistants4j.server.engine;

import dev.assistants4j.server.OfficialNodeSdks;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/code_interpreter.mjs} with the official {@code openai} npm package (4.x and 7.x):
 * runs whose model (a {@link FakeUpstream} scripted through {@link UpstreamControl}) calls code_interpreter, with the
 * code run in the real bubblewrap sandbox, read through the poll and AssistantStream helpers.
 */
class NodeSdkCodeInterpreterConformanceTest {

    @OfficialNodeSdks
    void official_node_sdk_reads_code_interpreter_runs(String sdk, @TempDir Path dataDir, @TempDir Path logDir)
            throws Exception {
        // given servers on the scripted upstream whose code runs in the shared bubblewrap sandbox
        NodeSdkScripts.ServerStart server =
                upstream -> EngineTestSupport.start(dataDir, upstream, EngineTestSupport.FAST, SharedSandbox::get);

        // when / then
        NodeSdkScripts.assertPasses("code_interpreter.mjs", sdk, server, logDir);
    }
}
