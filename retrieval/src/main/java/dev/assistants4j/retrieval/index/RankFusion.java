package dev.assistants4j.retrieval.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/**
 * Reciprocal rank fusion of the ranked lists a search ran, normalised to 0..1.
 *
 * <p>A document at 1-based rank {@code r} in a list earns {@code 1 / (K + r)} from it, {@code K = 60}. The fused
 * score is the sum over the lists that ran, divided by the most a document can earn, {@code n / (K + 1)} for {@code
 * n} lists: {@code score = (1/n) * Σ (K + 1) / (K + rank)}. So 1.0 means ranked first in every list that ran, a
 * document found by one of two lists scores at most 0.5, and the score falls slowly with rank (rank 10 of both:
 * 0.88). Documents a list scored equally share the better rank, so the fused order of equally similar chunks
 * does not depend on Lucene's internal document order.
 */
final class RankFusion {

    static final int K = 60;

    private RankFusion() {}

    /**
     * Fuses ranked lists of Lucene hits, each best first.
     *
     * @return each document's fused score
     */
    static Map<Integer, Double> fuse(List<ScoreDoc[]> rankings) {
        Map<Integer, Double> scores = new HashMap<>();
        if (rankings.isEmpty()) {
            return scores;
        }
        double lists = rankings.size();
        for (ScoreDoc[] ranking : rankings) {
            int rank = 0;
            for (int i = 0; i < ranking.length; i++) {
                if (i == 0 || ranking[i].score != ranking[i - 1].score) {
                    rank = i + 1;
                }
                double share = (K + 1.0) / (K + rank) / lists;
                scores.merge(ranking[i].doc, share, Double::sum);
            }
        }
        scores.replaceAll((doc, score) -> Math.min(1.0, score));
        return scores;
    }
}
