package dev.assistants4j.server;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/files.mjs} with the official {@code openai} npm package (4.x and 7.x) against a real
 * server: uploads as the SDKs send them (from disk with {@code fs.createReadStream}, from bytes with {@code toFile},
 * streamed with 7.x's {@code toStreamingFile}), retrieve, list, content download and delete.
 */
class NodeSdkFilesConformanceTest {

    @OfficialNodeSdks
    void official_node_sdk_uploads_reads_and_deletes_files(String sdk, @TempDir Path dataDir, @TempDir Path logDir)
            throws Exception {
        try (AssistantsServer server = TestServer.withMasterKey(dataDir)) {
            // when / then
            KeyedNodeScript.assertPasses("files.mjs", sdk, logDir, "ASSISTANTS_BASE_URL", server.baseUrl());
        }
    }
}
