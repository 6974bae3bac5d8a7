package dev.assistants4j.providers;

import static dev.assistants4j.providers.NativeFake.GEMINI_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.search.EmbeddingException;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link GeminiEmbedder} against the fake's native {@code batchEmbedContents} and fixed error answers. */
class GeminiEmbedderTest {

    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void texts_are_sent_as_one_embed_request_each_with_the_key_in_a_header() {
        // given
        try (GeminiEmbedder embedder = embedder(URI.create(upstream.endpoint()), Optional.of(GEMINI_KEY))
                .dimensions(16)
                .build()) {

            // when
            List<float[]> vectors = embedder.embed(List.of("apple", "pear"));

            // then
            assertThat(vectors.get(0)).containsExactly(FakeUpstream.embedding("apple", 16), within(1e-6f));
            assertThat(vectors.get(1)).containsExactly(FakeUpstream.embedding("pear", 16), within(1e-6f));
            assertThat(embedder.name()).isEqualTo("gemini-embedding-001@16");
            RecordedRequest request = upstream.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
            assertThat(request.query()).isEmpty();
            assertThat(request.header("x-goog-api-key")).contains(GEMINI_KEY);
            assertThat(request.header("Authorization")).isEmpty();
            assertThat(request.body()).isEqualTo(ProviderTestSupport.json("""
                            {"requests":[
                              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"apple"}]},
                               "outputDimensionality":16},
                              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"pear"}]},
                               "outputDimensionality":16}]}
                            """));
        }
    }

    @Test
    void more_than_100_texts_go_in_batches_and_an_api_base_with_v1beta_is_accepted() {
        // given
        List<String> texts = IntStream.range(0, 230).mapToObj(i -> "text " + i).toList();
        try (GeminiEmbedder embedder = embedder(URI.create(upstream.endpoint() + "/v1beta/"), Optional.of(GEMINI_KEY))
                .build()) {

            // when
            List<float[]> vectors = embedder.embed(texts);

            // then
            assertThat(upstream.requests())
                    .extracting(request -> request.body().path("requests").size())
                    .containsExactly(100, 100, 30);
            assertThat(vectors.get(229)).containsExactly(FakeUpstream.embedding("text 229", 8), within(1e-6f));
            assertThat(embedder.dimensions()).isEqualTo(8);
        }
    }

    @Test
    void a_refusal_is_mapped_as_the_chat_adapter_maps_it() {
        // given: no key, which Gemini refuses with 403 PERMISSION_DENIED
        try (GeminiEmbedder embedder =
                embedder(URI.create(upstream.endpoint()), Optional.empty()).build()) {

            // when
            EmbeddingException failure =
                    catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("x")));

            // then
            assertThat(failure.getMessage()).contains("403", "unregistered callers");
            assertThat(failure.getCause()).isInstanceOfSatisfying(ProviderException.class, cause -> {
                assertThat(cause.status()).isEqualTo(403);
                assertThat(cause.type()).contains("PERMISSION_DENIED");
                assertThat(cause.retriable()).isFalse();
            });
        }
    }

    @Test
    void a_quota_error_is_retriable_and_the_key_it_echoes_is_removed() {
        // given
        String quota = """
                {"error":{"code":429,"status":"RESOURCE_EXHAUSTED",
                  "message":"Quota exceeded for key %s, retry later."}}
                """.formatted(GEMINI_KEY);
        try (FixedAnswer errors = FixedAnswer.start(429, quota);
                GeminiEmbedder embedder =
                        embedder(errors.uri(""), Optional.of(GEMINI_KEY)).build()) {

            // when
            EmbeddingException failure =
                    catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("x")));

            // then
            assertThat(failure.getMessage()).contains("429", "Quota exceeded").doesNotContain(GEMINI_KEY);
            assertThat(failure.getCause()).isInstanceOfSatisfying(ProviderException.class, cause -> {
                assertThat(cause.retriable()).isTrue();
                assertThat(cause.type()).contains("RESOURCE_EXHAUSTED");
            });
        }
    }

    @Test
    void an_answer_with_too_few_embeddings_is_refused() {
        // given
        try (FixedAnswer errors = FixedAnswer.start(200, "{\"embeddings\":[{\"values\":[1.0,0.0]}]}");
                GeminiEmbedder embedder =
                        embedder(errors.uri(""), Optional.of(GEMINI_KEY)).build()) {

            // when
            EmbeddingException failure =
                    catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("a", "b")));

            // then
            assertThat(failure.getMessage()).contains("1 embeddings for 2 texts");
        }
    }

    private static GeminiEmbedder.Builder embedder(URI apiBase, Optional<String> key) {
        return GeminiEmbedder.builder(apiBase, key, "gemini-embedding-001");
    }
}
