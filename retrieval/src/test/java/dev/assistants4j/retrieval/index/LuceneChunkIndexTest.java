package dev.assistants4j.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.testkit.retrieval.ChunkIndexContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link ChunkIndexContract} on Lucene, and what is Lucene's own: the hybrid ranking (a keyword match whose vector
 * is far, a vector match that shares no words, reciprocal rank fusion, stemming), the index's identity (embedder and
 * dimensions) and its life after {@link LuceneChunkIndex#close()}.
 */
class LuceneChunkIndexTest extends ChunkIndexContract {

    static final String EMBEDDER = "test-embedder";

    @TempDir(factory = MemoryTempDir.class)
    Path dir;

    @Override
    protected ChunkIndex open() {
        return LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
    }

    @Override
    protected ChunkIndex reopen(ChunkIndex index) {
        index.close();
        return LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
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
    void stopwordOnlyTextSearchesByVectorAloneAndNoVectorByKeywordsAlone() {
        addSample();
        // stopword-only text: vector part alone, normalised to one list
        List<ChunkHit> hits = index.search(query(Set.of("vs_a"), "the of and", axis(0), 5));
        assertThat(hits.getFirst().score()).isEqualTo(1.0);
        assertThat(index.search(query(Set.of("vs_a"), "revenue", null, 5)))
                .extracting(ChunkHit::index)
                .containsExactly(0);
    }

    @Test
    void clearRemovesEveryChunkDurablyAndKeepsTheIdentity() {
        addSample();
        ((LuceneChunkIndex) index).clear();
        assertThat(index.chunkCount("vs_a", "file-1")).isZero();
        index = reopen(index);
        assertThat(index.search(query(Set.of("vs_a", "vs_b"), "revenue lunch", axis(0), 10)))
                .isEmpty();
        assertThat(((LuceneChunkIndex) index).directory()).isEqualTo(dir);
        assertThatThrownBy(() -> LuceneChunkIndex.open(dir, "other-model", DIMS))
                .isInstanceOf(IllegalStateException.class);
        index.add(List.of(chunk("vs_a", "file-9", 0, "after the clear", axis(3))));
        assertThat(index.chunkCount("vs_a", "file-9")).isEqualTo(1);
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
