package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.FakeUpstream;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code conformance/node/file_search.mjs} with the official {@code openai} npm package (4.x and 7.x): vector
 * stores, their files and batches through the upload-and-poll helpers, search, and runs whose model calls file_search
 * and cites the file it found, against a server on its real default retrieval (Tika, token chunks, the local MiniLM
 * model, the Lucene index) and a {@link FakeUpstream} model scripted through {@link UpstreamControl}.
 *
 * <p>One server serves both SDKs, so the local model loads once; every check makes its own stores.
 */
class NodeSdkFileSearchConformanceTest {

    @RegisterExtension
    static final ServerExtension server =
            ServerExtension.withFakeUpstream().serverFileSearch().perClass();

    @TempDir
    static Path logDir;

    static UpstreamControl control;

    @BeforeAll
    static void start() throws IOException {
        control = server.closeAfter(UpstreamControl.start(server.upstream()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai4", "openai7"})
    void official_node_sdk_drives_file_search_end_to_end(String sdk) throws Exception {
        // when
        NodeSdkScripts.assertPasses("file_search.mjs", sdk, server.baseUrl(), control, logDir);

        // then: the chunks went to the server's own Lucene index, not to a test double
        assertThat(indexedChunks()).isPositive();
    }

    /** The chunk documents in {@code <data>/index}, read behind the server's back. */
    private static int indexedChunks() throws IOException {
        try (Directory directory = FSDirectory.open(server.dataDir().resolve("index"));
                DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        }
    }
}
