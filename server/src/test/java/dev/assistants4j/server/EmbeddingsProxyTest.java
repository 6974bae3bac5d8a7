package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/embeddings} through the model routing to a {@link FakeUpstream}, with the openai-java client. */
class EmbeddingsProxyTest {

    private static final String UPSTREAM_KEY = "sk-upstream-embeddings-key";
    private static final String AZURE_KEY = "azure-embeddings-key-0123";
    private static final String GEMINI_KEY = "AIza-embeddings-key-0123";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream((upstream, dir) -> {
                ModelRoute openAi =
                        route("my-embed", "openai", "text-embedding-3-small", upstream.baseUrl(), UPSTREAM_KEY);
                ModelRoute azure = route("my-azure-embed", "azure", "embed-deployment", upstream.endpoint(), AZURE_KEY);
                ModelRoute gemini =
                        route("my-gemini-embed", "gemini", "gemini-embedding-001", upstream.endpoint(), GEMINI_KEY);
                return new ServerConfig(
                        List.of(openAi, azure, gemini), Optional.of(TestServer.MASTER_KEY), Optional.empty());
            })
            .apiKey(TestServer.MASTER_KEY);

    @Test
    void embedding_comes_from_the_routed_upstream_model() {
        // when
        CreateEmbeddingResponse response = server.client().embeddings().create(embed("my-embed", "hello world"));

        // then
        assertThat(response.data()).hasSize(1);
        assertThat(response.data().getFirst().embedding())
                .containsExactlyElementsOf(floats(FakeUpstream.embedding("hello world", 8)));
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/v1/embeddings");
        assertThat(received.body().path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(received.header("Authorization")).contains("Bearer " + UPSTREAM_KEY);
        assertThat(received.headers().toString()).doesNotContain(TestServer.MASTER_KEY);
    }

    @Test
    void a_gemini_route_embeds_at_geminis_openai_compatible_endpoint_below_the_native_root() {
        // when
        CreateEmbeddingResponse response = server.client().embeddings().create(embed("my-gemini-embed", "gemini text"));

        // then
        assertThat(response.data().getFirst().embedding())
                .containsExactlyElementsOf(floats(FakeUpstream.embedding("gemini text", 8)));
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/v1beta/openai/embeddings");
        assertThat(received.body().path("model").asText()).isEqualTo("gemini-embedding-001");
        assertThat(received.header("Authorization")).contains("Bearer " + GEMINI_KEY);
    }

    @Test
    void batch_and_dimensions_pass_through_unchanged() {
        // given
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model("my-embed")
                .inputOfArrayOfStrings(List.of("first", "second", "third"))
                .dimensions(16)
                .build();

        // when
        CreateEmbeddingResponse response = server.client().embeddings().create(params);

        // then
        assertThat(response.data()).extracting(Embedding::index).containsExactly(0L, 1L, 2L);
        assertThat(response.data().get(1).embedding())
                .containsExactlyElementsOf(floats(FakeUpstream.embedding("second", 16)));
        assertThat(takeRequest().body().path("dimensions").asInt()).isEqualTo(16);
    }

    @Test
    void azure_route_calls_the_deployment_with_the_default_api_version() {
        // when
        CreateEmbeddingResponse response = server.client().embeddings().create(embed("my-azure-embed", "azure text"));

        // then
        assertThat(response.data().getFirst().embedding()).hasSize(FakeUpstream.DEFAULT_EMBEDDING_DIMENSIONS);
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/openai/deployments/embed-deployment/embeddings");
        assertThat(received.queryParam("api-version")).contains("2024-10-21");
        assertThat(received.header("api-key")).contains(AZURE_KEY);
    }

    @Test
    void model_not_in_the_model_list_is_404_model_not_found() {
        // when
        NotFoundException error = catchThrowableOfType(
                NotFoundException.class,
                () -> server.client().embeddings().create(embed("text-embedding-ada-002", "x")));

        // then
        assertThat(error).isNotNull();
        assertThat(error.code()).contains("model_not_found");
        assertThat(server.upstream().requestCount()).isZero();
    }

    @Test
    void request_without_model_or_with_broken_json_is_refused() {
        // given
        HttpTestClient http = server.http();
        String key = "Bearer " + TestServer.MASTER_KEY;

        // when
        Reply noModel = http.post("/v1/embeddings", json("{'input':'x'}"), "Authorization", key);
        Reply broken = http.post("/v1/embeddings", "{'input':", "Authorization", key);

        // then
        JsonNode missing = assertError(noModel, 400, "model");
        assertThat(missing.get("code").asText()).isEqualTo("missing_required_parameter");
        assertError(broken, 400, null);
        assertThat(server.upstream().requestCount()).isZero();
    }

    private RecordedRequest takeRequest() {
        return server.upstream().takeRequest(WAIT).orElseThrow(() -> new AssertionError("the upstream got no request"));
    }

    /** {@code name} routed to {@code provider}'s {@code model} at {@code apiBase}, sent with {@code apiKey}. */
    private static ModelRoute route(String name, String provider, String model, String apiBase, String apiKey) {
        return new ModelRoute(name, provider, model, Optional.of(apiBase), Optional.of(apiKey), Optional.empty());
    }

    private static EmbeddingCreateParams embed(String model, String text) {
        return EmbeddingCreateParams.builder().model(model).input(text).build();
    }

    private static List<Float> floats(float[] vector) {
        List<Float> values = new ArrayList<>(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }
}
