package dev.assistants4j.server.engine;

import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.FileSearchResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link FileSearch} answering scripted results per query (else {@link #DEFAULT}), recording every call. */
final class StubFileSearch implements FileSearch {

    /** One search the engine made. */
    record Call(String projectId, List<String> vectorStoreIds, String query, int maxResults, double scoreThreshold) {}

    static final FileSearchResult PARIS =
            new FileSearchResult("file-paris", "paris.txt", 0.9, "Paris is the capital of France.");
    static final FileSearchResult LYON = new FileSearchResult("file-lyon", "lyon.md", 0.6, "Lyon is known for food.");
    static final List<FileSearchResult> DEFAULT = List.of(PARIS, LYON);

    private final Map<String, List<FileSearchResult>> byQuery = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    StubFileSearch answer(String query, FileSearchResult... results) {
        byQuery.put(query, List.of(results));
        return this;
    }

    /** Every later search throws {@code e}. */
    StubFileSearch failWith(RuntimeException e) {
        failure = e;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public List<FileSearchResult> search(
            String projectId, List<String> vectorStoreIds, String query, int maxResults, double scoreThreshold) {
        calls.add(new Call(projectId, List.copyOf(vectorStoreIds), query, maxResults, scoreThreshold));
        if (failure != null) {
            throw failure;
        }
        return byQuery.getOrDefault(query, DEFAULT);
    }
}
