package dev.assistants4j.testkit;

import static dev.assistants4j.testkit.UpstreamClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FakeEmbeddingsTest extends FakeUpstreamTesting {

    @Test
    void embeddings_are_deterministic_unit_vectors_of_the_default_dimension() {
        // when
        JsonNode response = embed("{\"model\":\"text-embedding-3-small\",\"input\":[\"apple\",\"pear\"]}");

        // then
        assertThat(response.path("object").asText()).isEqualTo("list");
        assertThat(response.path("data")).hasSize(2);
        float[] apple = vectorAt(response, 0);
        assertThat(apple).hasSize(FakeUpstream.DEFAULT_EMBEDDING_DIMENSIONS);
        assertThat(apple).containsExactly(FakeUpstream.embedding("apple", 8));
        assertThat(norm(apple)).isCloseTo(1.0, within(1e-5));
        assertThat(vectorAt(response, 1)).isNotEqualTo(apple);
        assertThat(response.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(response.at("/usage/prompt_tokens").asInt()).isPositive();
    }

    @Test
    void requested_and_configured_dimensions_are_honoured() {
        // given
        upstream.embeddingDimensions(4);

        // when
        JsonNode configured = embed("{\"model\":\"e\",\"input\":\"apple\"}");
        JsonNode requested = embed("{\"model\":\"e\",\"input\":\"apple\",\"dimensions\":16}");

        // then
        assertThat(vectorAt(configured, 0)).containsExactly(FakeUpstream.embedding("apple", 4));
        assertThat(vectorAt(requested, 0)).hasSize(16);
    }

    @Test
    void base64_encoding_holds_little_endian_floats() {
        // when
        JsonNode response = embed("{\"model\":\"e\",\"input\":\"apple\",\"encoding_format\":\"base64\"}");

        // then
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder()
                        .decode(response.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        assertThat(vector).containsExactly(FakeUpstream.embedding("apple", 8));
    }

    @Test
    void gemini_batch_embed_contents_answers_the_same_vectors_with_the_key_as_query_parameter() {
        // when
        HttpResponse<String> response = client.post(
                upstream.endpoint() + "/v1beta/models/gemini-embedding-001:batchEmbedContents?key=AIza-k", """
                {"requests":[
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"apple"}]}},
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"pear"}]},
                   "outputDimensionality":4}]}
                """);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode embeddings = json(response.body()).path("embeddings");
        assertThat(embeddings).hasSize(2);
        assertThat(embeddings.at("/0/values").get(0).floatValue()).isEqualTo(FakeUpstream.embedding("apple", 8)[0]);
        assertThat(embeddings.at("/0/values")).hasSize(8);
        assertThat(embeddings.at("/1/values")).hasSize(4);
    }

    @Test
    void gemini_batch_embed_contents_refuses_as_gemini_does() {
        // given
        String url = upstream.endpoint() + "/v1beta/models/gemini-embedding-001:batchEmbedContents";
        String otherModel = "{\"requests\":[{\"model\":\"models/other\",\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}";

        // when
        HttpResponse<String> noKey = client.post(url, otherModel);
        HttpResponse<String> wrongModel = client.post(url, otherModel, "x-goog-api-key", "AIza-k");

        // then
        assertThat(noKey.statusCode()).isEqualTo(403);
        assertThat(json(noKey.body()).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(wrongModel.statusCode()).isEqualTo(400);
        assertThat(json(wrongModel.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(wrongModel.body()).at("/error/message").asText()).contains("models/other");
    }

    private JsonNode embed(String body) {
        HttpResponse<String> response = client.post(upstream.baseUrl() + "/embeddings", body);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response.body());
    }

    private static float[] vectorAt(JsonNode response, int index) {
        JsonNode values = response.at("/data/" + index + "/embedding");
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i).floatValue();
        }
        return vector;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
