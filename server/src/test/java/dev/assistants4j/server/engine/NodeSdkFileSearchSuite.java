package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.OfficialNodeSdks;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/file_search.mjs} with the official {@code openai} npm package (4.x and 7.x): vector
 * stores, their files and batches through the upload-and-poll helpers, search, and runs whose model calls file_search
 * and cites the file it found, against a server on its real default retrieval (Tika, token chunks, the local MiniLM
 * model, the Lucene index) and a {@link FakeUpstream} model scripted through {@link UpstreamControl}. Each subclass
 * routes the model through one adapter; its one server serves both SDKs, so the local model loads once per class, and
 * every check makes its own stores.
 */
abstract class NodeSdkFileSearchSuite {

    @TempDir
    static Path logDir;

    /** The subclass's per-class server, on the server's own file search, with a fake upstream. */
    abstract ServerExtension server();

    /** Whether a request to the fake is a model call, in the adapter's wire protocol, carrying file_search results. */
    abstract boolean returnsSearchResults(RecordedRequest request);

    @OfficialNodeSdks
    void official_node_sdk_drives_file_search_end_to_end(String sdk) throws Exception {
        // given
        ServerExtension server = server();

        // when
        try (UpstreamControl control = UpstreamControl.start(server.upstream())) {
            NodeSdkScripts.assertPasses("file_search.mjs", sdk, server.baseUrl(), control, logDir);
        }

        // then: the chunks went to the server's own Lucene index, not to a test double
        assertThat(indexedChunks(server)).isPositive();
        // and the search results went back to the model through the subclass's adapter
        assertThat(server.upstream().requests()).anyMatch(this::returnsSearchResults);
    }

    /** The chunk documents in {@code <data>/index}, read behind the server's back. */
    private static int indexedChunks(ServerExtension server) throws IOException {
        try (Directory directory = FSDirectory.open(server.dataDir().resolve("index"));
                DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        }
    }
}
