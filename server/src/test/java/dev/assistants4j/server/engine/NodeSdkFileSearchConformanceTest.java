package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.OfficialNodeSdks;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.FakeUpstream;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/file_search.mjs} with the official {@code openai} npm package (4.x and 7.x): vector
 * stores, their files and batches through the upload-and-poll helpers, search, and runs whose model calls file_search
 * and cites the file it found, against a server on its real default retrieval (Tika, token chunks, the local MiniLM
 * model, the Lucene index) and a {@link FakeUpstream} model, here OpenAI-compatible, scripted through {@link
 * UpstreamControl} ({@link NodeSdkFileSearchNativeProvidersTest} runs it through the native adapters).
 *
 * <p>One server serves both SDKs, so the local model loads once; every check makes its own stores.
 */
class NodeSdkFileSearchConformanceTest {

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withFakeUpstream().serverFileSearch().perClass();

    @TempDir
    static Path logDir;

    @OfficialNodeSdks
    void official_node_sdk_drives_file_search_end_to_end(String sdk) throws Exception {
        assertFileSearchPasses(server, sdk, logDir, "/chat/completions", "\"role\":\"tool\"");
    }

    /**
     * Runs the script with {@code sdk} against {@code server} (on its own file search, with a fake upstream), then
     * checks the chunks went to the server's Lucene index and that search results went back to the model: a request
     * to the fake whose path ends with {@code modelPath} carried {@code resultsMarker}, the adapter's wrapping of a
     * tool result.
     */
    static void assertFileSearchPasses(
            ServerExtension server, String sdk, Path logDir, String modelPath, String resultsMarker) throws Exception {
        // when
        try (UpstreamControl control = UpstreamControl.start(server.upstream())) {
            NodeSdkScripts.assertPasses("file_search.mjs", sdk, server.baseUrl(), control, logDir);
        }

        // then: the chunks went to the server's own Lucene index, not to a test double
        assertThat(indexedChunks(server)).isPositive();
        // and the search results went back to the model in the adapter's wire protocol
        assertThat(server.upstream().requests())
                .anyMatch(request ->
                        request.path().endsWith(modelPath) && request.rawBody().contains(resultsMarker));
    }

    /** The chunk documents in {@code <data>/index}, read behind the server's back. */
    private static int indexedChunks(ServerExtension server) throws IOException {
        try (Directory directory = FSDirectory.open(server.dataDir().resolve("index"));
                DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        }
    }
}
