package dev.assistants4j.core.search;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

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

    /**
     * Before a run searches: puts the files attached to the thread's messages for file_search into the thread's
     * vector store (creating it when the thread has none). Does nothing by default.
     */
    default void attachThreadFiles(String projectId, String threadId) {}

    /**
     * Waits until no file of the stores is still being ingested, so a run searches complete stores; true when ready,
     * false when {@code deadline} passed or {@code cancelled} turned true first. Ready at once by default.
     */
    default boolean awaitIngestion(
            String projectId, List<String> vectorStoreIds, Instant deadline, BooleanSupplier cancelled) {
        return true;
    }

    /** Finds nothing: for a server with no vector stores (and tests of runs without file_search). */
    FileSearch NONE = (projectId, vectorStoreIds, query, maxResults, scoreThreshold) -> List.of();
}
