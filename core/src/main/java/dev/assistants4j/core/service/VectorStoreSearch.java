package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.FileSearchResult;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.service.VectorStorePages.SearchResult;
import dev.assistants4j.core.service.VectorStorePages.SearchResults;
import dev.assistants4j.core.service.VectorStorePages.TextPart;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.VectorStoreFileStore;
import dev.assistants4j.core.store.VectorStoreStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Searching vector stores: {@code POST /vector_stores/{id}/search} and the {@link FileSearch} that the file_search tool
 * of a run calls. Both embed the queries, ask the {@link dev.assistants4j.core.search.ChunkIndex index} and keep each
 * chunk once with its best score. Its own class because the run engine needs only this role (and, before it searches,
 * the thread's files gathered and ingested, which it delegates to {@link VectorStoreResources}); a search counts as
 * activity on the stores it reads. Stateless apart from its collaborators; thread-safe.
 */
public final class VectorStoreSearch implements FileSearch {

    private final VectorStoreService vectorStores;
    private final VectorStoreStore stores;
    private final VectorStoreFileStore files;
    private final FileStore fileObjects;
    private final Retrieval retrieval;
    private final VectorStoreResources threadFiles;
    private final Clock clock;

    VectorStoreSearch(
            VectorStoreService vectorStores,
            Stores stores,
            Retrieval retrieval,
            VectorStoreResources threadFiles,
            Clock clock) {
        this.vectorStores = vectorStores;
        this.stores = stores.vectorStores();
        this.files = stores.vectorStoreFiles();
        this.fileObjects = stores.files();
        this.retrieval = retrieval;
        this.threadFiles = threadFiles;
        this.clock = clock;
    }

    @Override
    public void attachThreadFiles(String projectId, String threadId) {
        threadFiles.attachThreadFiles(projectId, threadId);
    }

    @Override
    public boolean awaitIngestion(
            String projectId, List<String> vectorStoreIds, Instant deadline, BooleanSupplier cancelled) {
        return threadFiles.awaitIngestion(projectId, vectorStoreIds, deadline, cancelled);
    }

    /** Searches one store; counts as activity. Every query is searched and the best chunks of all are returned. */
    public SearchResults search(String projectId, String vectorStoreId, VectorStoreSearchRequest request) {
        VectorStore store = vectorStores.find(projectId, vectorStoreId);
        if (store.expired()) {
            throw new InvalidRequestException(
                    "Vector store " + vectorStoreId + " is expired. Create a new vector store to search.",
                    null,
                    "vector_store_expired");
        }
        stores.touch(projectId, vectorStoreId, now());
        Optional<Set<String>> fileIds = request.filter()
                .map(filter -> files.all(projectId, vectorStoreId, VectorStoreFileStatus.COMPLETED).stream()
                        .filter(file -> filter.matches(file.attributes()))
                        .map(VectorStoreFile::id)
                        .collect(Collectors.toSet()));
        List<ChunkHit> hits = hits(
                Set.of(vectorStoreId), fileIds, request.queries(), request.maxNumResults(), request.scoreThreshold());
        Map<String, Optional<VectorStoreFile>> vsFiles = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<SearchResult> results = new ArrayList<>();
        for (ChunkHit hit : hits) {
            Optional<VectorStoreFile> file =
                    vsFiles.computeIfAbsent(hit.fileId(), id -> files.find(projectId, vectorStoreId, id));
            if (file.isEmpty()) {
                continue; // removed while searching
            }
            results.add(new SearchResult(
                    hit.fileId(),
                    names.computeIfAbsent(hit.fileId(), id -> filename(projectId, id)),
                    hit.score(),
                    file.get().attributes(),
                    List.of(new TextPart(hit.text()))));
        }
        return new SearchResults(request.queries(), results);
    }

    /** The file_search tool's search: over the project's stores among {@code vectorStoreIds}, skipping unknown ones. */
    @Override
    public List<FileSearchResult> search(
            String projectId, List<String> vectorStoreIds, String query, int maxResults, double scoreThreshold) {
        long now = now();
        Set<String> known = new LinkedHashSet<>();
        for (String id : vectorStoreIds) {
            stores.find(projectId, id).filter(s -> !s.at(now).expired()).ifPresent(s -> known.add(s.id()));
        }
        if (known.isEmpty()) {
            return List.of();
        }
        known.forEach(id -> stores.touch(projectId, id, now));
        Map<String, String> names = new HashMap<>();
        return hits(known, Optional.empty(), List.of(query), Math.max(1, Math.min(50, maxResults)), scoreThreshold)
                .stream()
                .map(hit -> new FileSearchResult(
                        hit.fileId(),
                        names.computeIfAbsent(hit.fileId(), id -> filename(projectId, id)),
                        hit.score(),
                        hit.text()))
                .toList();
    }

    /** The best chunks for any of the queries, best first, each chunk once with its best score. */
    private List<ChunkHit> hits(
            Set<String> vectorStoreIds,
            Optional<Set<String>> fileIds,
            List<String> queries,
            int limit,
            double threshold) {
        if (fileIds.isPresent() && fileIds.get().isEmpty()) {
            return List.of();
        }
        List<float[]> vectors = retrieval.embedder().embed(queries);
        Map<String, ChunkHit> best = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            ChunkQuery query = new ChunkQuery(vectorStoreIds, fileIds, queries.get(i), vectors.get(i), limit);
            for (ChunkHit hit : retrieval.index().search(query)) {
                best.merge(
                        hit.vectorStoreId() + "/" + hit.fileId() + "/" + hit.index(),
                        hit,
                        (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        return best.values().stream()
                .filter(hit -> hit.score() >= threshold)
                .sorted(Comparator.comparingDouble(ChunkHit::score).reversed())
                .limit(limit)
                .toList();
    }

    private String filename(String projectId, String fileId) {
        return fileObjects.find(projectId, fileId).map(FileObject::filename).orElse(fileId);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
