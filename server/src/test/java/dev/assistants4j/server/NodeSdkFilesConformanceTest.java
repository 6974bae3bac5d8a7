package dev.assistants4j.server;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code conformance/node/files.mjs} with the official {@code openai} npm package (4.x and 7.x) against a real
 * server: uploads as the SDKs send them (from disk with {@code fs.createReadStream}, from bytes with {@code toFile},
 * streamed with 7.x's {@code toStreamingFile}), retrieve, list, content download and delete.
 */
class NodeSdkFilesConformanceTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai4", "openai7"})
    void official_node_sdk_uploads_reads_and_deletes_files(String sdk) throws Exception {
        try (AssistantsServer server = TestServer.withMasterKey(dataDir)) {
            // when / then
            NodeScript.assertPasses(
                    "files.mjs",
                    sdk,
                    Map.of("ASSISTANTS_BASE_URL", server.baseUrl(), "ASSISTANTS_API_KEY", TestServer.MASTER_KEY),
                    logDir);
        }
    }
}
