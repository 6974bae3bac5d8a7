package dev.assistants4j.server;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/bare_host.mjs} with the official {@code openai} npm package (4.x and 7.x): AI/ML API's
 * Assistants guide, whose client's base URL is the bare host with a trailing slash (no {@code /v1}), both chat loops
 * (createAndPoll, and runs.stream with textDelta handlers) against the offline mock model that echoes.
 */
class NodeSdkBareHostTest {

    /** A server whose gpt-4o is the mock echoing the last user message. */
    private static final String CONFIG = """
            model_list:
              - model_name: gpt-4o
                litellm_params: {model: mock/gpt-4o}
            general_settings:
              master_key: %s
            """.formatted(TestServer.MASTER_KEY);

    @OfficialNodeSdks
    void ai_ml_api_guide_chat_loops_run_against_the_bare_host(String sdk, @TempDir Path dir) throws Exception {
        try (AssistantsServer server = YamlServers.start(dir, "data", CONFIG)) {
            // when / then
            String rootUrl = "http://127.0.0.1:" + server.port() + "/";
            KeyedNodeScript.assertPasses("bare_host.mjs", sdk, dir, "ASSISTANTS_ROOT_URL", rootUrl);
        }
    }
}
