package dev.assistants4j.core.search;

import java.util.Optional;
import java.util.Set;

/**
 * A hybrid search: the nearest chunks to {@code vector} and the best BM25 matches of {@code text}, fused by
 * reciprocal rank, among the chunks of the given vector stores (and, when given, only of the given files).
 *
 * @param fileIds when present, only chunks of these files (an attribute filter resolved to files); empty set: none
 * @param limit the most hits to return, 1..50
 */
public record ChunkQuery(
        Set<String> vectorStoreIds, Optional<Set<String>> fileIds, String text, float[] vector, int limit) {
    public ChunkQuery {
        vectorStoreIds = Set.copyOf(vectorStoreIds);
        fileIds = fileIds.map(Set::copyOf);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
