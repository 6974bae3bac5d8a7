package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code mock/…} route answers embeddings offline with deterministic unit vectors. */
class EmbeddingsMockTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withConfig((upstream, dir) -> new ServerConfig(
                    List.of(new ModelRoute(
                            "mock-embed", "mock", "embed-mock", Optional.empty(), Optional.empty(), Optional.empty())),
                    Optional.empty(),
                    Optional.empty()))
            .apiKey("sk-anything");

    @Test
    void same_text_gets_the_same_384_dimension_unit_vector() {
        // when
        List<Float> first = embedding(request("same text").build());
        List<Float> again = embedding(request("same text").build());
        List<Float> other = embedding(request("other text").build());

        // then
        assertThat(first).hasSize(384).isEqualTo(again).isNotEqualTo(other);
        assertThat(norm(first)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void requested_dimensions_and_base64_encoding_are_honoured() {
        // given
        EmbeddingCreateParams asFloats = request("encoded").dimensions(64).build();
        EmbeddingCreateParams asBase64 = request("encoded")
                .dimensions(64)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                .build();

        // when
        CreateEmbeddingResponse encoded =
                server.client().embeddings().create(asBase64).validate();

        // then
        assertThat(encoded.data().getFirst().embeddingValue().isBase64()).isTrue();
        assertThat(encoded.data().getFirst().embedding()).hasSize(64).isEqualTo(embedding(asFloats));
        assertThat(encoded.model()).isEqualTo("embed-mock");
        assertThat(encoded.usage().totalTokens()).isPositive();
    }

    @Test
    void request_without_input_is_refused() {
        // given
        HttpTestClient http = server.http();

        // when
        Reply reply = http.post("/v1/embeddings", json("{'model':'mock-embed'}"));

        // then
        JsonNode error = assertError(reply, 400, "input");
        assertThat(error.get("code").asText()).isEqualTo("missing_required_parameter");
    }

    private EmbeddingCreateParams.Builder request(String text) {
        return EmbeddingCreateParams.builder().model("mock-embed").input(text);
    }

    private List<Float> embedding(EmbeddingCreateParams params) {
        return server.client()
                .embeddings()
                .create(params)
                .validate()
                .data()
                .getFirst()
                .embedding();
    }

    private static double norm(List<Float> vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
