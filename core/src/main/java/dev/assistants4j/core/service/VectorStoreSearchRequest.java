package dev.assistants4j.core.service;

import java.util.List;
import java.util.Optional;

/**
 * A validated {@code POST /vector_stores/{id}/search} body.
 *
 * @param queries one or more query strings, searched together
 * @param maxNumResults 1..50
 * @param filter when present, only files whose attributes match it
 * @param ranker {@code none}, {@code auto} or {@code default-2024-11-15}; every ranker ranks the same way here
 * @param scoreThreshold 0..1; results scoring below it are dropped
 * @param rewriteQuery accepted; queries are searched as written
 */
public record VectorStoreSearchRequest(
        List<String> queries,
        int maxNumResults,
        Optional<AttributeFilter> filter,
        String ranker,
        double scoreThreshold,
        boolean rewriteQuery) {

    public static final int DEFAULT_MAX_NUM_RESULTS = 10;
    public static final int MAX_NUM_RESULTS = 50;

    public VectorStoreSearchRequest {
        queries = List.copyOf(queries);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("at least one query");
        }
        if (maxNumResults < 1 || maxNumResults > MAX_NUM_RESULTS) {
            throw new IllegalArgumentException("maxNumResults must be 1.." + MAX_NUM_RESULTS);
        }
    }
}
