package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/browser.mjs}: a real Chromium opens a page of another origin, whose own fetch calls
 * create an assistant, read a streamed run to its end and read a 401 body from a keyed server, and cannot read a
 * server whose {@code allowed_origins} leaves the page out. Needs Debian's {@code chromium} ({@code CHROMIUM_PATH}
 * elsewhere): without it the test fails when {@code CI=true} and is skipped otherwise.
 */
class BrowserCorsTest {

    private static final String INSTALL_HINT =
            "install Debian's chromium (apt-get install -y --no-install-recommends chromium; .ci/run does it)"
                    + " or set CHROMIUM_PATH";
    private static final String CONFIG = """
            model_list:
              - model_name: mock-gpt
                litellm_params: {model: mock/any, mock_response: "Hello from the mock"}
            general_settings:
              master_key: %s
            """.formatted(TestServer.MASTER_KEY);

    @TempDir
    Path dir;

    @TempDir
    Path logDir;

    @Test
    void a_page_of_another_origin_calls_the_server_with_fetch() throws Exception {
        // given
        Path chromium = chromium();
        String refusing = CONFIG + "  allowed_origins: ['https://app.example.com']\n";
        try (AssistantsServer server = TestServer.start(dir.resolve("any"), load("any.yaml", CONFIG));
                AssistantsServer appOnly = TestServer.start(dir.resolve("app"), load("app.yaml", refusing))) {
            // when / then
            NodeScript.assertPasses(
                    "browser.mjs",
                    "chromium",
                    Map.of(
                            "ASSISTANTS_BASE_URL",
                            server.baseUrl(),
                            "ASSISTANTS_API_KEY",
                            TestServer.MASTER_KEY,
                            "ASSISTANTS_WRONG_KEY",
                            "sk-wrong-0000000000000000000000",
                            "ASSISTANTS_MODEL",
                            "mock-gpt",
                            "ASSISTANTS_REFUSING_BASE_URL",
                            appOnly.baseUrl(),
                            "CHROMIUM_PATH",
                            chromium.toString()),
                    logDir);
        }
    }

    /** The browser to drive: {@code CHROMIUM_PATH}, else Debian's. */
    private static Path chromium() {
        Path path = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        boolean present = Files.isRegularFile(path) && Files.isExecutable(path);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("%s is missing: %s", path, INSTALL_HINT).isTrue();
        }
        Assumptions.assumeTrue(present, path + " is missing: " + INSTALL_HINT);
        return path;
    }

    private ServerConfig load(String name, String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve(name), yaml), Map.of());
    }
}
