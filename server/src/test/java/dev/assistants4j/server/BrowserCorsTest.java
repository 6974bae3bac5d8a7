package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @TempDir
    Path dir;

    @Test
    void a_page_of_another_origin_calls_the_server_with_fetch(@TempDir Path logDir) throws Exception {
        // given
        Path chromium = chromium();
        try (CorsServers servers = CorsServers.start(dir)) {
            // when / then
            KeyedNodeScript.assertPasses(
                    "browser.mjs",
                    "chromium",
                    logDir,
                    "ASSISTANTS_BASE_URL",
                    servers.anyOrigin().baseUrl(),
                    "ASSISTANTS_WRONG_KEY",
                    "sk-wrong-0000000000000000000000",
                    "ASSISTANTS_MODEL",
                    CorsServers.MODEL,
                    "ASSISTANTS_REFUSING_BASE_URL",
                    servers.appOnly().baseUrl(),
                    "CHROMIUM_PATH",
                    chromium.toString());
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
}
