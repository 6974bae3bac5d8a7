package dev.assistants4j.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneChunkIndexTest {

    static final int DIMS = 8;
    static final String EMBEDDER = "test-embedder";

    @TempDir(factory = MemoryTempDir.class)
    Path dir;

    LuceneChunkIndex index;

    @BeforeEach
    void open() {
        index = LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
    }

    @AfterEach
    void close() {
        index.close();
    }

    /** A unit vector pointing mostly along {@code axis}, tilted towards {@code other} by {@code tilt}. */
    static float[] vec(int axis, int other, float tilt) {
        float[] v = new float[DIMS];
        v[axis] = 1;
        v[other] += tilt;
        return unit(v);
    }

    static float[] axis(int axis) {
        return vec(axis, (axis + 1) % DIMS, 0);
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return u;
    }

    static IndexedChunk chunk(String store, String file, int i, String text, float[] vector) {
        return new IndexedChunk(store, file, i, text, vector);
    }

    static ChunkQuery query(Set<String> stores, String text, float[] vector, int limit) {
        return new ChunkQuery(stores, Optional.empty(), text, vector, limit);
    }

    static List<String> keys(List<ChunkHit> hits) {
        return hits.stream()
                .map(h -> h.vectorStoreId() + "/" + h.fileId() + "#" + h.index())
                .toList();
    }

    void addSample() {
        index.add(List.of(
                chunk("vs_a", "file-1", 0, "The quarterly revenue grew by twelve percent.", axis(0)),
                chunk("vs_a", "file-1", 1, "Employees may work remotely on Fridays.", axis(1))));
        index.add(List.of(chunk("vs_a", "file-2", 0, "The cafeteria serves lunch at noon.", axis(2))));
        index.add(List.of(chunk("vs_b", "file-1", 0, "Revenue in the other store.", axis(0))));
    }

    @Test
    void findsTheSameHitsAfterCloseAndReopen() {
        addSample();
        ChunkQuery q = query(Set.of("vs_a"), "revenue", axis(0), 5);
        List<ChunkHit> before = index.search(q);
        index.close();
        index = LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
        assertThat(index.search(q)).isEqualTo(before);
        assertThat(before.getFirst().text()).contains("quarterly revenue");
        assertThat(index.chunkCount("vs_a", "file-1")).isEqualTo(2);
    }

    @Test
    void refusesAnIndexBuiltWithAnotherEmbedderOrDimensions() {
        addSample();
        index.close();
        assertThatThrownBy(() -> LuceneChunkIndex.open(dir, "other-model", DIMS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + EMBEDDER + "' with 8 dimensions")
                .hasMessageContaining("'other-model' with 8 dimensions")
                .hasMessageContaining("remove " + dir);
        assertThatThrownBy(() -> LuceneChunkIndex.open(dir, EMBEDDER, 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("with 16 dimensions is configured");
        // the refused opens left the index as it was
        index = LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
        assertThat(index.chunkCount("vs_a", "file-1")).isEqualTo(2);
    }

    @Test
    void rejectsVectorsOfTheWrongSize() {
        float[] wrong = new float[DIMS + 1];
        wrong[0] = 1;
        assertThatThrownBy(() -> index.add(List.of(chunk("vs_a", "file-1", 0, "x", wrong))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9 dimensions");
        assertThatThrownBy(() -> index.search(query(Set.of("vs_a"), "x", wrong, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.chunkCount("vs_a", "file-1")).isZero();
    }

    @Test
    void deleteFileRemovesOnlyThatFileOfThatStore() {
        addSample();
        index.deleteFile("vs_a", "file-1");
        assertThat(index.chunkCount("vs_a", "file-1")).isZero();
        assertThat(index.chunkCount("vs_a", "file-2")).isEqualTo(1);
        assertThat(index.chunkCount("vs_b", "file-1")).isEqualTo(1);
        assertThat(keys(index.search(query(Set.of("vs_a", "vs_b"), "revenue", axis(0), 10))))
                .contains("vs_b/file-1#0", "vs_a/file-2#0")
                .doesNotContain("vs_a/file-1#0", "vs_a/file-1#1");
    }

    @Test
    void deleteStoreRemovesAllItsChunks() {
        addSample();
        index.deleteStore("vs_a");
        assertThat(index.search(query(Set.of("vs_a"), "revenue", axis(0), 10))).isEmpty();
        assertThat(index.chunks("vs_a", "file-2")).isEmpty();
        assertThat(index.chunkCount("vs_b", "file-1")).isEqualTo(1);
    }

    @Test
    void neverReturnsChunksOfOtherStoresOrFiles() {
        addSample();
        // vs_b's chunk is an exact match of both text and vector, yet is not asked for
        List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "Revenue in the other store", axis(0), 10));
        assertThat(hits).isNotEmpty().allMatch(h -> h.vectorStoreId().equals("vs_a"));

        ChunkQuery onlyFile2 = new ChunkQuery(Set.of("vs_a"), Optional.of(Set.of("file-2")), "revenue", axis(0), 10);
        assertThat(keys(index.search(onlyFile2))).containsExactly("vs_a/file-2#0");

        ChunkQuery noFiles = new ChunkQuery(Set.of("vs_a"), Optional.of(Set.of()), "revenue", axis(0), 10);
        assertThat(index.search(noFiles)).isEmpty();
        assertThat(index.search(query(Set.of(), "revenue", axis(0), 10))).isEmpty();
    }

    @Test
    void findsAKeywordMatchWhoseVectorIsFar() {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            chunks.add(chunk("vs_a", "file-1", i, "Filler paragraph number " + i, vec(0, 1, i / 40f)));
        }
        chunks.add(chunk("vs_a", "file-1", 40, "The zeppelin departs from hangar seven.", axis(7)));
        index.add(chunks);
        // limit 3 and 40 chunks nearer to the vector than the zeppelin: only BM25 can bring it in
        List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "zeppelins departing", axis(0), 3));
        assertThat(keys(hits)).contains("vs_a/file-1#40");
        assertThat(hits).hasSize(3);
    }

    @Test
    void findsAVectorMatchThatSharesNoWords() {
        index.add(List.of(
                chunk("vs_a", "file-1", 0, "Staff can do their job from home.", axis(3)),
                chunk("vs_a", "file-1", 1, "Parking permits are issued yearly.", axis(4))));
        List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "remote working policy", vec(3, 4, 0.1f), 1));
        assertThat(keys(hits)).containsExactly("vs_a/file-1#0");
        // the keyword search ran and found nothing: first in one of two lists
        assertThat(hits.getFirst().score()).isEqualTo(0.5);
    }

    @Test
    void fusesByReciprocalRank() {
        index.add(List.of(
                chunk("vs_a", "file-1", 0, "Budget approval needs two signatures.", vec(5, 6, 0.05f)),
                chunk("vs_a", "file-1", 1, "Travel needs approval.", vec(5, 6, 0.5f)),
                chunk("vs_a", "file-1", 2, "Nothing relevant here.", vec(5, 6, 1f)),
                chunk("vs_a", "file-1", 3, "Unrelated words entirely.", axis(0))));
        List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "budget approval", axis(5), 4));
        // chunk 0: first by vector and first by BM25 (both terms)
        assertThat(hits.getFirst().index()).isZero();
        assertThat(hits.getFirst().score()).isEqualTo(1.0);
        // chunk 1: second in both lists: (61/62 + 61/62) / 2
        assertThat(hits.get(1).index()).isEqualTo(1);
        assertThat(hits.get(1).score()).isCloseTo(61.0 / 62, org.assertj.core.data.Offset.offset(1e-9));
        // chunks without a keyword match only get the vector half
        assertThat(hits.subList(2, 4)).allMatch(h -> h.score() <= 0.5);
        assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void stemsSoParaphrasedWordsMatch() {
        index.add(List.of(
                chunk("vs_a", "file-1", 0, "The documents were indexed overnight.", axis(0)),
                chunk("vs_a", "file-1", 1, "Lunch is served at noon.", axis(1))));
        List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "indexing document", axis(1), 2));
        // chunk 0: first by BM25 (only through stemming) and second by vector; chunk 1: first by vector only
        assertThat(hits).extracting(ChunkHit::index).containsExactly(0, 1);
        assertThat(hits.getFirst().score()).isCloseTo((1 + 61.0 / 62) / 2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void breaksTiesByStoreFileAndIndex() {
        for (String file : List.of("file-c", "file-a", "file-b")) {
            index.add(List.of(chunk("vs_a", file, 0, "same words", axis(2))));
        }
        for (int limit = 1; limit <= 3; limit++) {
            List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "other", axis(2), limit));
            assertThat(hits)
                    .extracting(ChunkHit::fileId)
                    .containsExactlyElementsOf(
                            List.of("file-a", "file-b", "file-c").subList(0, limit));
        }
    }

    @Test
    void hostileQueryTextNeverFails() {
        addSample();
        List<String> texts = List.of(
                "",
                " ",
                "the of and",
                "\"unbalanced",
                "a:b c:\"d",
                "*",
                "?*",
                "(((",
                ")",
                "revenue AND OR NOT",
                "field:[1 TO *]",
                "\\",
                "~2^3",
                "/regex.*/",
                "x".repeat(10_000),
                "emoji 🤖 and NUL \u0000",
                "revenue ".repeat(2_000));
        for (String text : texts) {
            assertThatNoException().as(text).isThrownBy(() -> index.search(query(Set.of("vs_a"), text, axis(0), 5)));
        }
        // stopword-only text: vector part alone, normalised to one list
        List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "the of and", axis(0), 5));
        assertThat(hits.getFirst().score()).isEqualTo(1.0);
        assertThat(index.search(query(Set.of("vs_a"), "revenue", null, 5)))
                .extracting(ChunkHit::index)
                .containsExactly(0);
    }

    @Test
    void concurrentAddsAreAllSearchable() throws Exception {
        int threads = 4;
        int filesPerThread = 6;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int f = 0; f < filesPerThread; f++) {
                        String file = "file-" + thread + "-" + f;
                        index.add(List.of(
                                chunk("vs_a", file, 0, "alpha " + file, vec(thread, 7, f / 10f)),
                                chunk("vs_a", file, 1, "beta " + file, vec(thread, 6, f / 10f))));
                        assertThat(index.chunkCount("vs_a", file)).isEqualTo(2);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        ChunkQuery all = new ChunkQuery(Set.of("vs_a"), Optional.empty(), "alpha beta", axis(0), 50);
        assertThat(index.search(all)).hasSize(threads * filesPerThread * 2);
        index.close();
        index = LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
        for (int t = 0; t < threads; t++) {
            for (int f = 0; f < filesPerThread; f++) {
                assertThat(index.chunkCount("vs_a", "file-" + t + "-" + f)).isEqualTo(2);
            }
        }
        ChunkQuery one = new ChunkQuery(Set.of("vs_a"), Optional.of(Set.of("file-3-5")), "beta", axis(3), 5);
        assertThat(keys(index.search(one))).containsExactly("vs_a/file-3-5#1", "vs_a/file-3-5#0");
    }

    @Test
    void reAddingAFileReplacesItsChunks() {
        addSample();
        index.add(List.of(chunk("vs_a", "file-1", 0, "A brand new first chunk.", axis(5))));
        assertThat(index.chunks("vs_a", "file-1"))
                .extracting(ChunkHit::index, ChunkHit::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "A brand new first chunk."));
        assertThat(index.search(query(Set.of("vs_a"), "quarterly revenue", axis(0), 10)))
                .noneMatch(h -> h.text().contains("quarterly"));
        assertThat(index.chunkCount("vs_b", "file-1")).isEqualTo(1);
    }

    @Test
    void listsAFilesChunksInOrder() {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            chunks.add(chunk("vs_a", "file-1", i, "part " + i, vec(i % DIMS, (i + 1) % DIMS, 0.3f)));
        }
        index.add(chunks);
        assertThat(index.chunks("vs_a", "file-1"))
                .extracting(ChunkHit::index)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(index.chunks("vs_a", "missing")).isEmpty();
        assertThat(index.chunkCount("vs_a", "missing")).isZero();
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailClearly() {
        addSample();
        index.close();
        index.close();
        assertThatThrownBy(() -> index.chunkCount("vs_a", "file-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        index = LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
    }
}
