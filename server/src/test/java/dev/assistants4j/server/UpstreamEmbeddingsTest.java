package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.engine.EngineTestSupport;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assistant_settings.file_search.embedding_model}: chunks are embedded by the configured upstream model (its
 * {@code /embeddings}; Gemini's native {@code batchEmbedContents} for {@code gemini/…}) instead of the local one, and the index refuses to be reopened with another model.
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
    void gemini_embeds_natively_and_a_gemini_run_finds_the_right_chunk() throws IOException {
        // given: the chat model and the embedding model both on the fake's native Gemini API
        String models = """
                  - model_name: gpt-4o
                    litellm_params: {model: gemini/gemini-2.5-flash, api_base: %1$s, api_key: AIza-upstream}
                  - model_name: gemini-embed
                    litellm_params: {model: gemini/gemini-embedding-001, api_base: %1$s, api_key: AIza-upstream}
                """.formatted(upstream.endpoint());
        server = TestServer.start(TestServer.Setup.of(dataDir, config(models, "gemini-embed", DIMENSIONS))
                .withEngine(EngineTestSupport.FAST));
        HttpTestClient client = new HttpTestClient(server, dataDir);
        VectorStoreHttp http = new VectorStoreHttp(client, dataDir);
        String pumps =
                http.upload("pumps.txt", "The bilge pump of the ferry starts at a water depth of ten centimetres.");
        String bread = http.upload("bread.txt", "The bakery proves its sourdough for eighteen hours.");
        String storeId = http.createStore(json("{'file_ids':['" + pumps + "','" + bread + "']}"));
        http.awaitFile(storeId, pumps);
        http.awaitFile(storeId, bread);
        upstream.enqueue(
                Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"bilge pump depth\"]}")),
                Reply.text("Ten centimetres."));
        String assistantId = http.createFileSearchAssistant("gpt-4o", storeId);

        // when
        JsonNode found = client.post("/v1/vector_stores/" + storeId + "/search", json("{'query':'bilge pump'}"))
                .json();
        JsonNode run = client.create(
                "/v1/threads/runs",
                json("{'assistant_id':'" + assistantId + "','thread':{'messages':[{'role':'user',"
                        + "'content':'When does the bilge pump start?'}]}}"));
        String runPath = "/v1/threads/" + run.get("thread_id").asText() + "/runs/"
                + run.get("id").asText();
        VectorStoreHttp.await(() -> !Set.of("queued", "in_progress")
                .contains(client.get(runPath).json().get("status").asText()));

        // then: every embedding went to batchEmbedContents, none to an OpenAI-style /embeddings
        List<RecordedRequest> embeddings = upstream.requests().stream()
                .filter(request ->
                        request.path().endsWith("/embeddings") || request.path().endsWith(":batchEmbedContents"))
                .toList();
        assertThat(embeddings).isNotEmpty().allSatisfy(request -> assertThat(request.path())
                .isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents"));
        assertThat(embeddings.getFirst().header("x-goog-api-key")).contains("AIza-upstream");
        assertThat(embeddings
                        .getFirst()
                        .body()
                        .at("/requests/0/outputDimensionality")
                        .asInt())
                .isEqualTo(DIMENSIONS);
        assertThat(found.get("data").get(0).get("file_id").asText()).isEqualTo(pumps);
        assertThat(client.get(runPath).json().get("status").asText()).isEqualTo("completed");
        RecordedRequest answered = upstream.requests().stream()
                .filter(request -> request.path().endsWith(":streamGenerateContent"))
                .reduce((first, second) -> second)
                .orElseThrow();
        assertThat(answered.rawBody()).contains("functionResponse", "bilge pump of the ferry");
        client.assertNoServerErrors();
    }

    @Test
    void ollama_embeds_through_its_openai_compatible_v1_embeddings() throws IOException {
        // given: api_base as LiteLLM users write Ollama's, without /v1
        String models = """
                  - model_name: nomic
                    litellm_params: {model: ollama/nomic-embed-text, api_base: %s}
                """.formatted(upstream.endpoint());
        server = TestServer.start(dataDir, config(models, "nomic", DIMENSIONS));
        HttpTestClient client = new HttpTestClient(server, dataDir);
        VectorStoreHttp http = new VectorStoreHttp(client, dataDir);
        String fileId = http.upload("pumps.txt", "The bilge pump starts at ten centimetres.");

        // when
        http.awaitFile(http.createStore(json("{'file_ids':['" + fileId + "']}")), fileId);

        // then
        RecordedRequest embedding = upstream.requests().getFirst();
        assertThat(embedding.path()).isEqualTo("/v1/embeddings");
        assertThat(embedding.body().get("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(embedding.header("Authorization")).isEmpty();
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
        return config("""
                  - model_name: embed-small
                    litellm_params:
                      model: openai/text-embedding-3-small
                      api_base: %s
                      api_key: sk-upstream
                """.formatted(upstream.baseUrl()), embeddingModel, dimensions);
    }

    /** A config of {@code models} (lines of {@code model_list}) embedding with {@code embeddingModel}. */
    private ServerConfig config(String models, String embeddingModel, int dimensions) throws IOException {
        String yaml = "model_list:\n" + models + """
                assistant_settings:
                  file_search:
                    embedding_model: %s
                    embedding_dimensions: %d
                """.formatted(embeddingModel, dimensions);
        Path file = Files.writeString(configDir.resolve("config-" + dimensions + ".yaml"), yaml);
        return ConfigLoader.load(file, Map.of());
    }
}
