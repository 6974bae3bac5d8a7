package dev.assistants4j.server;

import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/assistants.mjs} with the official {@code openai} npm package (4.x and 7.x) against a
 * real server, so that wire incompatibilities show up as the SDKs see them.
 */
class NodeSdkConformanceTest {

    private static final String WRONG_KEY = "sk-wrong-0000000000000000000000";

    @OfficialNodeSdks
    void official_node_sdk_passes_every_check(String sdk, @TempDir Path dataDir, @TempDir Path logDir)
            throws Exception {
        // every model name routes to the fake's /v1, whose own model list the server relays
        try (FakeUpstream upstream = FakeUpstream.start();
                AssistantsServer server =
                        TestServer.withMasterKey(dataDir, Map.of("OPENAI_BASE_URL", upstream.baseUrl()))) {
            // when / then
            KeyedNodeScript.assertPasses(
                    "assistants.mjs",
                    sdk,
                    logDir,
                    "ASSISTANTS_BASE_URL",
                    server.baseUrl(),
                    "ASSISTANTS_EXPECT_AUTH",
                    "1",
                    "ASSISTANTS_WRONG_KEY",
                    WRONG_KEY,
                    "ASSISTANTS_EXPECT_MODEL",
                    "gpt-4o");
        }
    }
}
