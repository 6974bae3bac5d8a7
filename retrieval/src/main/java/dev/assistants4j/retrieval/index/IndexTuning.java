package dev.assistants4j.retrieval.index;

/**
 * How the index builds its vector graph and how many candidates a search fetches from each of its two rankings.
 *
 * @param hnswMaxConn HNSW neighbours per node ({@code M}); applies to segments written from now on
 * @param hnswBeamWidth HNSW candidates considered while inserting ({@code beamWidth}); idem
 * @param candidates how many chunks the vector search and the keyword search each return before fusion (at least
 *     the query's limit is always fetched); the vector search's {@code k}, so also its search beam
 */
public record IndexTuning(int hnswMaxConn, int hnswBeamWidth, int candidates) {

    /** The tuning measured by {@code bench/index.sh} (see bench/RESULTS.md). */
    public static final IndexTuning DEFAULTS = new IndexTuning(16, 100, 100);

    public IndexTuning {
        if (hnswMaxConn < 2 || hnswMaxConn > 512) {
            throw new IllegalArgumentException("hnswMaxConn must be in 2..512");
        }
        if (hnswBeamWidth < 1 || hnswBeamWidth > 3200) {
            throw new IllegalArgumentException("hnswBeamWidth must be in 1..3200");
        }
        if (candidates < 1 || candidates > 10_000) {
            throw new IllegalArgumentException("candidates must be in 1..10000");
        }
    }
}
