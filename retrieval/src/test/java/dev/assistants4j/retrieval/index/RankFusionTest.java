package dev.assistants4j.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    @Test
    void firstInBothListsScoresOne() {
        Map<Integer, Double> scores = RankFusion.fuse(List.of(ranked(7, 3, 5), ranked(7, 5)));
        assertThat(scores.get(7)).isEqualTo(1.0);
        assertThat(scores.get(5)).isCloseTo((61.0 / 63 + 61.0 / 62) / 2, within(1e-12));
        assertThat(scores.get(3)).isCloseTo(61.0 / 62 / 2, within(1e-12));
    }

    @Test
    void aSingleListIsNormalisedToItself() {
        Map<Integer, Double> scores = RankFusion.fuse(List.<ScoreDoc[]>of(ranked(4, 2)));
        assertThat(scores).containsEntry(4, 1.0);
        assertThat(scores.get(2)).isCloseTo(61.0 / 62, within(1e-12));
        assertThat(RankFusion.fuse(List.of())).isEmpty();
    }

    @Test
    void equalScoresShareTheBetterRank() {
        ScoreDoc[] tied = {new ScoreDoc(9, 0.8f), new ScoreDoc(1, 0.5f), new ScoreDoc(2, 0.5f), new ScoreDoc(3, 0.1f)};
        Map<Integer, Double> scores = RankFusion.fuse(List.<ScoreDoc[]>of(tied));
        assertThat(scores.get(1)).isEqualTo(scores.get(2)).isCloseTo(61.0 / 62, within(1e-12));
        assertThat(scores.get(3)).isCloseTo(61.0 / 64, within(1e-12));
    }

    /** Hits with strictly decreasing scores. */
    private static ScoreDoc[] ranked(int... docs) {
        ScoreDoc[] hits = new ScoreDoc[docs.length];
        for (int i = 0; i < docs.length; i++) {
            hits[i] = new ScoreDoc(docs[i], 1f / (i + 1));
        }
        return hits;
    }
}
