package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.search.EmbeddingException;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiEmbedderTest {

    private final FakeUpstream upstream = FakeUpstream.start();
    private FixedAnswer errors;

    @AfterEach
    void stop() {
        upstream.close();
        if (errors != null) {
            errors.close();
        }
    }

    @Test
    void texts_are_embedded_in_order_with_the_model_and_dimensions_requested() {
        // given
        try (OpenAiEmbedder embedder = openAi(builder -> builder.dimensions(16))) {

            // when
            List<float[]> vectors = embedder.embed(List.of("apple", "pear"));

            // then
            assertThat(vectors).hasSize(2);
            assertThat(vectors.get(0)).containsExactly(FakeUpstream.embedding("apple", 16), within(1e-6f));
            assertThat(vectors.get(1)).containsExactly(FakeUpstream.embedding("pear", 16), within(1e-6f));
            assertThat(embedder.dimensions()).isEqualTo(16);
            assertThat(embedder.name()).isEqualTo("text-embedding-3-small@16");
            RecordedRequest request = upstream.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/embeddings");
            assertThat(request.header("Authorization")).contains("Bearer " + API_KEY);
            assertThat(request.body().path("model").asText()).isEqualTo("text-embedding-3-small");
            assertThat(request.body().path("dimensions").asInt()).isEqualTo(16);
            assertThat(request.body().path("input")).hasSize(2);
        }
    }

    @Test
    void more_than_256_texts_are_sent_in_batches_and_come_back_in_order() {
        // given
        List<String> texts = IntStream.range(0, 600).mapToObj(i -> "text " + i).toList();
        try (OpenAiEmbedder embedder = openAi()) {

            // when
            List<float[]> vectors = embedder.embed(texts);

            // then
            assertThat(upstream.requests())
                    .extracting(request -> request.body().path("input").size())
                    .containsExactly(256, 256, 88);
            assertThat(vectors).hasSize(600);
            assertThat(vectors.get(599)).containsExactly(FakeUpstream.embedding("text 599", 8), within(1e-6f));
        }
    }

    @Test
    void dimensions_are_learnt_from_the_server_when_not_configured() {
        // given
        upstream.embeddingDimensions(12);
        try (OpenAiEmbedder embedder = openAi()) {

            // when
            int dimensions = embedder.dimensions();

            // then
            assertThat(dimensions).isEqualTo(12);
            assertThat(upstream.requestCount()).isEqualTo(1);
            assertThat(upstream.requests().getFirst().body().has("dimensions")).isFalse();
            assertThat(embedder.name()).isEqualTo("text-embedding-3-small");
        }
    }

    @Test
    void expected_dimensions_are_known_without_a_request_and_not_sent() {
        // given
        upstream.embeddingDimensions(12);
        try (OpenAiEmbedder embedder = openAi(builder -> builder.expectedDimensions(12))) {

            // when
            int dimensions = embedder.dimensions();
            List<float[]> vectors = embedder.embed(List.of("a"));

            // then
            assertThat(dimensions).isEqualTo(12);
            assertThat(vectors.getFirst()).hasSize(12);
            assertThat(upstream.requestCount()).isEqualTo(1);
            assertThat(upstream.requests().getFirst().body().has("dimensions")).isFalse();
        }
    }

    @Test
    void a_vector_not_of_the_expected_dimensions_is_refused() {
        // given
        upstream.embeddingDimensions(8);
        try (OpenAiEmbedder embedder = openAi(builder -> builder.expectedDimensions(12))) {

            // when
            EmbeddingException failure =
                    catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("a")));

            // then
            assertThat(failure.getMessage()).contains("8 dimensions instead of 12");
        }
    }

    @Test
    void vectors_are_normalised_and_blank_texts_are_not_sent() {
        // given
        serveErrors(200, "{\"data\":[{\"index\":0,\"embedding\":[3.0,4.0]}]}");
        try (OpenAiEmbedder embedder = againstErrors(Optional.empty(), "m")) {

            // when
            List<float[]> vectors = embedder.embed(List.of("", "x", " "));

            // then
            assertThat(vectors.get(1)).containsExactly(0.6f, 0.8f);
            assertThat(vectors.get(0)).hasSize(2);
            assertThat(vectors.get(0)[0] * vectors.get(0)[0] + vectors.get(0)[1] * vectors.get(0)[1])
                    .isCloseTo(1f, within(1e-6f));
            assertThat(vectors.get(2)).containsExactly(vectors.get(0));
        }
    }

    @Test
    void no_texts_make_no_request() {
        try (OpenAiEmbedder embedder = openAi()) {
            assertThat(embedder.embed(List.of())).isEmpty();
            assertThat(upstream.requestCount()).isZero();
        }
    }

    @Test
    void azure_deployments_are_called_with_an_api_key_header() {
        // given
        try (OpenAiEmbedder embedder = OpenAiEmbedder.azure(
                        URI.create(upstream.endpoint()), "my embed", "2024-10-21", API_KEY)
                .build()) {

            // when
            List<float[]> vectors = embedder.embed(List.of("apple"));

            // then
            assertThat(vectors.getFirst()).containsExactly(FakeUpstream.embedding("apple", 8), within(1e-6f));
            RecordedRequest request = upstream.requests().getFirst();
            assertThat(request.deployment()).contains("my embed");
            assertThat(request.queryParam("api-version")).contains("2024-10-21");
            assertThat(request.header("api-key")).contains(API_KEY);
            assertThat(request.header("Authorization")).isEmpty();
        }
    }

    @Test
    void upstream_errors_carry_status_and_message_without_the_key() {
        // given
        serveErrors(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + ".\","
                        + "\"type\":\"invalid_request_error\"}}");
        try (OpenAiEmbedder embedder = againstErrors(Optional.of(API_KEY), "text-embedding-3-small")) {

            // when
            EmbeddingException failure =
                    catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("x")));

            // then
            assertThat(failure.getMessage())
                    .contains("401", "Incorrect API key provided: [redacted]")
                    .doesNotContain(API_KEY);
            assertThat(failure.getCause()).isInstanceOfSatisfying(ProviderException.class, cause -> {
                assertThat(cause.status()).isEqualTo(401);
                assertThat(cause.retriable()).isFalse();
            });
        }
    }

    @Test
    void an_unreachable_server_is_a_retriable_failure() throws IOException {
        // given
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (OpenAiEmbedder embedder = OpenAiEmbedder.openAi(
                        URI.create("http://127.0.0.1:" + port + "/v1"), Optional.of(API_KEY), "m")
                .build()) {

            // when
            EmbeddingException failure =
                    catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("x")));

            // then
            assertThat(failure.getMessage()).contains("embeddings provider");
            assertThat(failure.getCause())
                    .isInstanceOfSatisfying(ProviderException.class, cause -> assertThat(cause.retriable())
                            .isTrue());
        }
    }

    @Test
    void a_vector_of_another_dimension_is_refused() {
        // given
        serveErrors(200, "{\"data\":[{\"index\":0,\"embedding\":[1.0,0.0]},{\"index\":1,\"embedding\":[1.0]}]}");
        try (OpenAiEmbedder embedder = againstErrors(Optional.empty(), "m")) {

            // when
            EmbeddingException failure =
                    catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("a", "b")));

            // then
            assertThat(failure.getMessage()).contains("1 dimensions instead of 2");
        }
    }

    private OpenAiEmbedder openAi() {
        return openAi(UnaryOperator.identity());
    }

    /** An embedder of {@code text-embedding-3-small} on the fake upstream, with {@code options}. */
    private OpenAiEmbedder openAi(UnaryOperator<OpenAiEmbedder.Builder> options) {
        return options.apply(OpenAiEmbedder.openAi(
                        URI.create(upstream.baseUrl()), Optional.of(API_KEY), "text-embedding-3-small"))
                .build();
    }

    /** An embedder of {@code model} on the server {@link #serveErrors} started. */
    private OpenAiEmbedder againstErrors(Optional<String> apiKey, String model) {
        return OpenAiEmbedder.openAi(errors.uri("/v1"), apiKey, model).build();
    }

    /** A server answering every request with this status and body. */
    private void serveErrors(int status, String body) {
        errors = FixedAnswer.start(status, body);
    }
}
