package dev.assistants4j.core.search;

import java.util.List;

/** What the file_search tool of a run calls: a search over vector stores of the run's project. Thread-safe. */
public interface FileSearch {

    /**
     * The best chunks for the query among the given vector stores, best first. Unknown or deleted stores are
     * skipped; no store yields no results.
     *
     * @param maxResults 1..50
     * @param scoreThreshold 0..1; results scoring below it are dropped
     */
    List<FileSearchResult> search(
            String projectId, List<String> vectorStoreIds, String query, int maxResults, double scoreThreshold);

    /** Finds nothing: for a server with no vector stores (and tests of runs without file_search). */
    FileSearch NONE = (projectId, vectorStoreIds, query, maxResults, scoreThreshold) -> List.of();
}
