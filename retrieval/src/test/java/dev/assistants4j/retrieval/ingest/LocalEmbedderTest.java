package dev.assistants4j.retrieval.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalEmbedderTest {

    private static Path cacheDir;
    private static LocalEmbedder embedder;

    @BeforeAll
    static void load() throws IOException {
        cacheDir = Files.createTempDirectory("djl-cache");
        embedder = LocalEmbedder.create(cacheDir);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void similar_sentences_are_closer_than_unrelated_ones() {
        // when
        List<float[]> vectors = embedder.embed(List.of(
                "The cat sat on the mat.",
                "A kitten is lying on a rug.",
                "Quarterly revenue report for the finance department."));

        // then
        double similar = dot(vectors.get(0), vectors.get(1));
        double unrelated = dot(vectors.get(0), vectors.get(2));
        assertThat(similar).isGreaterThan(0.4).isGreaterThan(unrelated + 0.3);
    }

    @Test
    void vectors_have_384_dimensions_and_unit_length() {
        // when
        List<float[]> vectors = embedder.embed(List.of("hello", "a longer sentence about databases", " "));

        // then
        assertThat(embedder.name()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(vectors).hasSize(3).allSatisfy(vector -> {
            assertThat(vector).hasSize(384);
            assertThat(Math.sqrt(dot(vector, vector))).isCloseTo(1.0, within(1e-5));
        });
    }

    @Test
    void no_texts_give_no_vectors() {
        assertThat(embedder.embed(List.of())).isEmpty();
    }

    @Test
    void a_batch_gives_the_same_vectors_as_single_calls() {
        // given
        List<String> texts = Stream.of("alpha beta", "gamma delta epsilon", "zeta", "the quick brown fox")
                .toList();

        // when
        List<float[]> batch = embedder.embed(texts);

        // then
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embed(List.of(texts.get(i))).getFirst();
            assertThat(batch.get(i)).containsExactly(single, within(1e-5f));
        }
    }

    @Test
    void text_past_the_model_window_counts_in_full() {
        // given: 240 words of cooking, then 600 more words of cooking, then 420 words of astronomy (the last third)
        String cooking = "Chop the onions and garlic, then fry them gently in olive oil until soft and golden. "
                + "Add the tomatoes, a pinch of salt and fresh basil, and let the sauce simmer for twenty minutes. ";
        String astronomy = "The telescope revealed distant galaxies, nebulae and a comet crossing the night sky. "
                + "Astronomers measured the orbit of the planet around its star and the light of the supernova. ";
        String opening = cooking.repeat(7);
        String longText = cooking.repeat(24) + astronomy.repeat(15);
        String query = "telescopes, planets, stars and galaxies in space";

        // when
        List<float[]> vectors = embedder.embed(List.of(longText, opening, query));

        // then: the astronomy at the end moved the long text's vector towards the query
        double longToQuery = dot(vectors.get(0), vectors.get(2));
        double openingToQuery = dot(vectors.get(1), vectors.get(2));
        assertThat(longToQuery).isGreaterThan(openingToQuery + 0.1);
    }

    @Test
    void overlapping_chunks_share_most_of_their_windows() {
        // given
        List<String> chunks = new TokenChunker()
                .chunk(SampleText.prose(40_000, 5), 800, 400).stream()
                        .map(dev.assistants4j.core.search.TextChunk::text)
                        .toList();

        // when
        int shared = 0;
        int total = 0;
        for (int i = 1; i < chunks.size(); i++) {
            java.util.Set<String> previous = new java.util.HashSet<>();
            embedder.windowsOf(chunks.get(i - 1)).forEach(window -> previous.add(window.text()));
            for (WordPieceWindows.Window window : embedder.windowsOf(chunks.get(i))) {
                total++;
                shared += previous.contains(window.text()) ? 1 : 0;
            }
        }

        // then: about half of each chunk is the previous chunk's second half, its tail cut at the same sentence ends
        // (when a chunk's last window was not cut at sentence ends, only about 37% were shared)
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(shared).isGreaterThan(total * 44 / 100);
        for (String chunk : chunks) {
            assertThat(embedder.windowsOf(chunk))
                    .allSatisfy(window -> assertThat(window.pieces()).isLessThanOrEqualTo(126))
                    .allSatisfy(window -> assertThat(chunk).contains(window.text()));
        }
    }

    @Test
    void the_tokenizer_library_goes_to_the_given_cache_directory() throws IOException {
        // given
        embedder.embed(List.of("load it"));
        boolean preset = System.getenv(LocalEmbedder.DJL_CACHE_DIR) != null
                || System.getenv(LocalEmbedder.ENGINE_CACHE_DIR) != null;

        // then
        if (!preset) {
            Path used = Path.of(System.getProperty(LocalEmbedder.DJL_CACHE_DIR)); // the first create() of the JVM wins
            assertThat(used.toString())
                    .startsWith(Path.of(System.getProperty("java.io.tmpdir")).toString());
            try (Stream<Path> files = Files.walk(used)) {
                assertThat(files.map(Path::toString)).anyMatch(name -> name.contains("tokenizers"));
            }
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
