package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assistant_settings.file_search.embedding_model}: chunks are embedded by the configured upstream model (its
 * {@code /embeddings}) instead of the local one, and the index refuses to be reopened with another model.
 */
class UpstreamEmbeddingsTest {

    private static final int DIMENSIONS = 16;

    @TempDir
    Path dataDir;

    @TempDir
    Path configDir;

    private final FakeUpstream upstream = FakeUpstream.start().embeddingDimensions(DIMENSIONS);
    private AssistantsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        upstream.close();
    }

    @Test
    void chunks_are_embedded_by_the_configured_upstream_model_and_searchable() throws IOException {
        // given
        server = TestServer.start(dataDir, config("embed-small", DIMENSIONS));
        HttpTestClient client = new HttpTestClient(server, dataDir);
        VectorStoreHttp http = new VectorStoreHttp(client, dataDir);
        String fileId =
                http.upload("pumps.txt", "The bilge pump of the ferry starts at a water depth of ten centimetres.");

        // when
        String storeId = http.createStore(json("{'file_ids':['" + fileId + "']}"));
        JsonNode file = http.awaitFile(storeId, fileId);
        JsonNode found = client.post("/v1/vector_stores/" + storeId + "/search", json("{'query':'bilge pump'}"))
                .json();

        // then
        assertThat(file.get("status").asText()).as("file %s", file).isEqualTo("completed");
        List<RecordedRequest> embeddings = upstream.requests().stream()
                .filter(request -> request.path().endsWith("/embeddings"))
                .toList();
        assertThat(embeddings).isNotEmpty();
        assertThat(embeddings.getFirst().body().get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(embeddings.getFirst().body().has("dimensions")).isFalse();
        assertThat(found.get("data").get(0).get("file_id").asText()).isEqualTo(fileId);
        client.assertNoServerErrors();
    }

    @Test
    void an_index_built_with_one_model_is_not_reopened_with_another() throws IOException {
        // given
        TestServer.start(dataDir, config("embed-small", DIMENSIONS)).close();

        // when / then
        assertThatThrownBy(() -> TestServer.start(dataDir, config("embed-small", 32)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("text-embedding-3-small");
    }

    private ServerConfig config(String embeddingModel, int dimensions) throws IOException {
        String yaml = """
                model_list:
                  - model_name: embed-small
                    litellm_params:
                      model: openai/text-embedding-3-small
                      api_base: %s
                      api_key: sk-upstream
                assistant_settings:
                  file_search:
                    embedding_model: %s
                    embedding_dimensions: %d
                """.formatted(upstream.baseUrl(), embeddingModel, dimensions);
        Path file = Files.writeString(configDir.resolve("config-" + dimensions + ".yaml"), yaml);
        return ConfigLoader.load(file, Map.of());
    }
}
