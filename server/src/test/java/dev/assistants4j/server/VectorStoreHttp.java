package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.testkit.Poll;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Helpers for the vector store tests over raw HTTP to the server {@code client} talks to, whose data is in {@code
 * dataDir}: uploads, polling a file until processed, the stored rows.
 */
record VectorStoreHttp(HttpTestClient client, Path dataDir) {

    /** Generous: the first file a server ingests waits for the local embedding model to load. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** The helpers for the running server of {@code server}. */
    static VectorStoreHttp of(ServerExtension server) {
        return new VectorStoreHttp(server.http(), server.dataDir());
    }

    /**
     * A server for each test whose vector stores use {@code retrieval} and whose every model routes to a fake upstream;
     * a test after which it answered a 5xx fails.
     */
    static ServerExtension serverWith(TestRetrieval retrieval) {
        return ServerExtension.withFakeUpstream((upstream, dir) -> EngineTestSupport.routingTo(upstream))
                .setup(setup -> setup.withRetrieval(retrieval.retrieval()))
                .failOnServerErrors();
    }

    /** Uploads a file for assistants and returns its id. */
    String upload(String name, String content) {
        return upload(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads a file for assistants and returns its id. */
    String upload(String name, byte[] content) {
        MultipartForm form = new MultipartForm().field("purpose", "assistants").file(name, content);
        Reply reply = client.send("POST", "/v1/files", form.publisher(), "Content-Type", form.contentType());
        assertThat(reply.status()).as("upload %s", reply.body()).isEqualTo(200);
        return reply.json().get("id").asText();
    }

    /** Creates a vector store from a JSON body and returns its id. */
    String createStore(String body) {
        return createId("/v1/vector_stores", body);
    }

    /** Creates an assistant of {@code model} with file_search on the vector store and returns its id. */
    String createFileSearchAssistant(String model, String vectorStoreId) {
        return createId(
                "/v1/assistants",
                HttpTestClient.json("{'model':'" + model + "','tools':[{'type':'file_search'}],"
                        + "'tool_resources':{'file_search':{'vector_store_ids':['" + vectorStoreId + "']}}}"));
    }

    /** Creates an object (assistant, thread, ...) from a JSON body and returns its id. */
    String createId(String path, String body) {
        return client.createId(path, body);
    }

    /** Polls the vector store file until it is no longer in progress (failing at the deadline) and returns it. */
    JsonNode awaitFile(String vectorStoreId, String fileId) {
        String path = "/v1/vector_stores/" + vectorStoreId + "/files/" + fileId;
        JsonNode file = Poll.until(DEADLINE, () -> client.get(path).json(), read -> !read.path("status")
                .asText()
                .equals("in_progress"));
        assertThat(file.path("status").asText()).as("status of %s", file).isNotEqualTo("in_progress");
        return file;
    }

    /** Polls until {@code condition} holds, failing at the deadline. */
    static void await(BooleanSupplier condition) {
        assertThat(Poll.holds(DEADLINE, condition))
                .as("reached before the deadline")
                .isTrue();
    }

    /** The ids in the vector store tables (file rows as {@code store/file status}), read behind the server's back. */
    Map<String, List<String>> rows() {
        String url = "jdbc:sqlite:" + dataDir.resolve(JdbcStores.SQLITE_FILE).toAbsolutePath();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            rows.put("vector_stores", ids(statement, "SELECT id FROM vector_stores ORDER BY seq"));
            rows.put(
                    "vector_store_files",
                    ids(
                            statement,
                            "SELECT vector_store_id || '/' || id || ' ' || status FROM vector_store_files ORDER BY seq"));
            rows.put(
                    "vector_store_file_batches",
                    ids(statement, "SELECT id FROM vector_store_file_batches ORDER BY seq"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the vector store tables of " + url, e);
        }
        return rows;
    }

    private static List<String> ids(Statement statement, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                ids.add(result.getString(1));
            }
        }
        return ids;
    }
}
