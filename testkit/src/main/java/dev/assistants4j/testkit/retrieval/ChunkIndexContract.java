package dev.assistants4j.testkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChunkIndex} does, whatever its ranking: chunks kept per vector store and file, re-adding a file
 * replacing its chunks, deletes that touch only what they name, searches that never leave the stores and files they
 * are given, ties broken by file and index, a file's chunks listed in order, concurrent adds, hostile query text, and
 * what was added still there after a {@link #reopen}. A subclass supplies the index ({@link #open()}); its own tests
 * cover how it ranks. The queries here match their chunks by keyword, so an index that searches by keywords only (the
 * {@link InMemoryChunkIndex} double) passes as well as a hybrid one. Vectors have {@value #DIMS} dimensions.
 *
 * <p>One instance per test (JUnit's default), so the {@link #index} field needs no synchronisation beyond what the
 * index itself promises.
 */
public abstract class ChunkIndexContract {

    /** The dimensions of the vectors the contract adds and queries with. */
    protected static final int DIMS = 8;

    /** The index under test: {@link #open()} before each test, closed after it. */
    protected ChunkIndex index;

    /** A new, empty index for {@value #DIMS}-dimensional vectors. */
    protected abstract ChunkIndex open();

    /**
     * The index as the next process would see it: a persistent index closes {@code index} and opens its storage again;
     * one that lives in memory returns it as it is.
     */
    protected abstract ChunkIndex reopen(ChunkIndex index);

    @BeforeEach
    void openIndex() {
        index = open();
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    /** A unit vector pointing mostly along {@code axis}, tilted towards {@code other} by {@code tilt}. */
    protected static float[] vec(int axis, int other, float tilt) {
        float[] v = new float[DIMS];
        v[axis] = 1;
        v[other] += tilt;
        return unit(v);
    }

    protected static float[] axis(int axis) {
        return vec(axis, (axis + 1) % DIMS, 0);
    }

    protected static float[] unit(float[] v) {
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

    protected static IndexedChunk chunk(String store, String file, int i, String text, float[] vector) {
        return new IndexedChunk(store, file, i, text, vector);
    }

    protected static ChunkQuery query(Set<String> stores, String text, float[] vector, int limit) {
        return new ChunkQuery(stores, Optional.empty(), text, vector, limit);
    }

    protected static List<String> keys(List<ChunkHit> hits) {
        return hits.stream()
                .map(h -> h.vectorStoreId() + "/" + h.fileId() + "#" + h.index())
                .toList();
    }

    /** Two files in vs_a (the first with two chunks) and one in vs_b. */
    protected void addSample() {
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
        index = reopen(index);
        assertThat(index.search(q)).isEqualTo(before);
        assertThat(before.getFirst().text()).contains("quarterly revenue");
        assertThat(index.chunkCount("vs_a", "file-1")).isEqualTo(2);
    }

    @Test
    void deleteFileRemovesOnlyThatFileOfThatStore() {
        addSample();
        index.deleteFile("vs_a", "file-1");
        assertThat(index.chunkCount("vs_a", "file-1")).isZero();
        assertThat(index.chunkCount("vs_a", "file-2")).isEqualTo(1);
        assertThat(index.chunkCount("vs_b", "file-1")).isEqualTo(1);
        assertThat(keys(index.search(query(Set.of("vs_a", "vs_b"), "revenue lunch", axis(0), 10))))
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

        ChunkQuery onlyFile2 =
                new ChunkQuery(Set.of("vs_a"), Optional.of(Set.of("file-2")), "revenue lunch", axis(0), 10);
        assertThat(keys(index.search(onlyFile2))).containsExactly("vs_a/file-2#0");

        ChunkQuery noFiles = new ChunkQuery(Set.of("vs_a"), Optional.of(Set.of()), "revenue", axis(0), 10);
        assertThat(index.search(noFiles)).isEmpty();
        assertThat(index.search(query(Set.of(), "revenue", axis(0), 10))).isEmpty();
    }

    @Test
    void breaksTiesByStoreFileAndIndex() {
        for (String file : List.of("file-c", "file-a", "file-b")) {
            index.add(List.of(chunk("vs_a", file, 0, "same words", axis(2))));
        }
        for (int limit = 1; limit <= 3; limit++) {
            List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "other words", axis(2), limit));
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
        index = reopen(index);
        for (int t = 0; t < threads; t++) {
            for (int f = 0; f < filesPerThread; f++) {
                assertThat(index.chunkCount("vs_a", "file-" + t + "-" + f)).isEqualTo(2);
            }
        }
        ChunkQuery one = new ChunkQuery(Set.of("vs_a"), Optional.of(Set.of("file-3-5")), "beta file", axis(3), 5);
        assertThat(keys(index.search(one))).containsExactly("vs_a/file-3-5#1", "vs_a/file-3-5#0");
    }

    @Test
    void reAddingAFileReplacesItsChunks() {
        addSample();
        index.add(List.of(chunk("vs_a", "file-1", 0, "A brand new first chunk.", axis(5))));
        assertThat(index.chunks("vs_a", "file-1"))
                .extracting(ChunkHit::index, ChunkHit::text)
                .containsExactly(Tuple.tuple(0, "A brand new first chunk."));
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
}
