package dev.assistants4j.server;

import dev.assistants4j.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code conformance/node/bare_host.mjs} with the official {@code openai} npm package (4.x and 7.x): AI/ML API's
 * Assistants guide, whose client's base URL is the bare host with a trailing slash (no {@code /v1}), both chat loops
 * (createAndPoll, and runs.stream with textDelta handlers) against the offline mock model that echoes.
 */
class NodeSdkBareHostTest {

    @TempDir
    Path dir;

    @TempDir
    Path logDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai4", "openai7"})
    void ai_ml_api_guide_chat_loops_run_against_the_bare_host(String sdk) throws Exception {
        // given a server whose gpt-4o is the mock echoing the last user message
        String yaml = """
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: mock/gpt-4o}
                general_settings:
                  master_key: %s
                """.formatted(TestServer.MASTER_KEY);
        Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
        try (AssistantsServer server = TestServer.start(dir.resolve("data"), ConfigLoader.load(config, Map.of()))) {
            // when / then
            NodeScript.assertPasses(
                    "bare_host.mjs",
                    sdk,
                    Map.of(
                            "ASSISTANTS_ROOT_URL",
                            "http://127.0.0.1:" + server.port() + "/",
                            "ASSISTANTS_API_KEY",
                            TestServer.MASTER_KEY),
                    logDir);
        }
    }
}
