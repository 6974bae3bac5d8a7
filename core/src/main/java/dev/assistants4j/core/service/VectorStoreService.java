package dev.assistants4j.core.service;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.ChunkingStrategy;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.ExpiresAfter;
import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileBatch;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.FileSearchResult;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.service.VectorStorePages.FileContent;
import dev.assistants4j.core.service.VectorStorePages.SearchResult;
import dev.assistants4j.core.service.VectorStorePages.SearchResults;
import dev.assistants4j.core.service.VectorStorePages.TextPart;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.VectorStoreFileBatchStore;
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
 * Vector stores, their files and file batches, and searching them: the {@code /vector_stores} API and the {@link
 * FileSearch} of the file_search tool. Files are processed in the background by a {@link VectorStoreIngestion} this
 * service owns ({@link #recover()} at start-up, {@link #close()} at shutdown). Also the {@link
 * FileService.DeletionHook} that removes a deleted file from every vector store of its project. Thread-safe.
 */
public final class VectorStoreService
        implements FileSearch, FileService.DeletionHook, ToolResourcesResolver, AutoCloseable {

    /** The most files {@code POST /vector_stores} takes. */
    public static final int MAX_CREATE_FILES = 500;

    /** The most files one batch takes. */
    public static final int MAX_BATCH_FILES = 2000;

    private final VectorStoreStore stores;
    private final VectorStoreFileStore files;
    private final VectorStoreFileBatchStore batches;
    private final FileStore fileObjects;
    private final Retrieval retrieval;
    private final Clock clock;
    private final VectorStoreIngestion ingestion;
    private final VectorStoreResources resources;

    public VectorStoreService(Stores stores, BlobStore blobs, Retrieval retrieval, Clock clock) {
        this.stores = stores.vectorStores();
        this.files = stores.vectorStoreFiles();
        this.batches = stores.vectorStoreFileBatches();
        this.fileObjects = stores.files();
        this.retrieval = retrieval;
        this.clock = clock;
        this.ingestion = new VectorStoreIngestion(files, fileObjects, blobs, retrieval);
        this.resources = new VectorStoreResources(this, stores);
    }

    /** Checks the vector stores of a request's tool_resources and creates the ones it asks for inline. */
    @Override
    public ToolResources resolve(String projectId, ToolResources requested) {
        return resources.resolve(projectId, requested);
    }

    @Override
    public void attachThreadFiles(String projectId, String threadId) {
        resources.attachThreadFiles(projectId, threadId);
    }

    @Override
    public boolean awaitIngestion(
            String projectId, List<String> vectorStoreIds, Instant deadline, BooleanSupplier cancelled) {
        return resources.awaitIngestion(projectId, vectorStoreIds, deadline, cancelled);
    }

    /** Queues the files a previous process left in progress; returns how many. Call once, at start-up. */
    public int recover() {
        return ingestion.recover();
    }

    /** True when no vector store file is queued or being processed. */
    public boolean ingestionIdle() {
        return ingestion.idle();
    }

    /** Stops background processing; files in progress are picked up by the next {@link #recover()}. */
    @Override
    public void close() {
        ingestion.close();
    }

    // ---- vector stores

    /** Creates the store and queues its files; unknown files are refused before anything is stored. */
    public VectorStore create(String projectId, VectorStoreCreateRequest request) {
        if (request.fileIds().size() > MAX_CREATE_FILES) {
            throw new InvalidRequestException(
                    "Invalid 'file_ids': too many files. Expected at most " + MAX_CREATE_FILES + ".",
                    "file_ids",
                    "array_above_max_length");
        }
        ChunkingStrategy strategy = requireValid(request.chunkingStrategy(), "chunking_strategy");
        requireValid(request.expiresAfter(), "expires_after");
        List<String> fileIds = List.copyOf(new LinkedHashSet<>(request.fileIds()));
        fileIds.forEach(id -> requireFile(projectId, id));
        long now = now();
        VectorStore store = new VectorStore(
                Ids.next(Ids.VECTOR_STORE),
                now,
                request.name(),
                request.description(),
                0,
                null,
                null,
                request.expiresAfter(),
                null,
                now,
                request.metadata());
        stores.insert(projectId, store);
        for (String fileId : fileIds) {
            VectorStoreFile file = VectorStoreFile.added(fileId, store.id(), now, strategy, null);
            if (files.insert(projectId, file, Optional.empty())) {
                ingestion.submit(projectId, file);
            }
        }
        return retrieve(projectId, store.id());
    }

    public VectorStore retrieve(String projectId, String vectorStoreId) {
        return find(projectId, vectorStoreId);
    }

    public Page<VectorStore> list(String projectId, PageRequest page) {
        Page<VectorStore> found = stores.list(projectId, page);
        long now = now();
        return new Page<>(found.data().stream().map(s -> s.at(now)).toList(), found.hasMore());
    }

    /** Changes the name, expiry policy (null clears it) or metadata; counts as activity. */
    public VectorStore modify(String projectId, String vectorStoreId, VectorStoreModifyRequest request) {
        VectorStore current = find(projectId, vectorStoreId);
        ExpiresAfter expiresAfter = request.expiresAfter().apply(current.expiresAfter());
        requireValid(expiresAfter, "expires_after");
        VectorStore modified = new VectorStore(
                current.id(),
                current.createdAt(),
                request.name().apply(current.name()),
                current.description(),
                current.usageBytes(),
                current.fileCounts(),
                current.status(),
                expiresAfter,
                null,
                now(),
                request.metadata().apply(current.metadata()));
        if (!stores.update(projectId, modified)) {
            throw notFound(vectorStoreId);
        }
        return find(projectId, vectorStoreId);
    }

    /** Removes the store, its file rows, batches and chunks; the files themselves stay. */
    public DeletedObject delete(String projectId, String vectorStoreId) {
        if (!stores.delete(projectId, vectorStoreId)) {
            throw notFound(vectorStoreId);
        }
        retrieval.index().deleteStore(vectorStoreId);
        return DeletedObject.of(vectorStoreId, "vector_store");
    }

    // ---- files

    /**
     * Adds a file of the project and queues it; a file the store already has is returned as it is.
     *
     * @throws NotFoundException when the store or the file does not exist
     */
    public VectorStoreFile addFile(String projectId, String vectorStoreId, VectorStoreFileCreateRequest request) {
        find(projectId, vectorStoreId);
        ChunkingStrategy strategy = requireValid(request.chunkingStrategy(), "chunking_strategy");
        requireFile(projectId, request.fileId());
        Optional<VectorStoreFile> existing = files.find(projectId, vectorStoreId, request.fileId());
        if (existing.isPresent()) {
            return existing.get();
        }
        VectorStoreFile file =
                VectorStoreFile.added(request.fileId(), vectorStoreId, now(), strategy, request.attributes());
        boolean inserted = files.insert(projectId, file, Optional.empty());
        stores.touch(projectId, vectorStoreId, now());
        if (inserted) {
            ingestion.submit(projectId, file);
            return file; // as added: in progress, even when ingestion is quicker than this answer
        }
        return retrieveFile(projectId, vectorStoreId, request.fileId()); // added concurrently by another request
    }

    public VectorStoreFile retrieveFile(String projectId, String vectorStoreId, String fileId) {
        find(projectId, vectorStoreId);
        return files.find(projectId, vectorStoreId, fileId).orElseThrow(() -> fileNotFound(vectorStoreId, fileId));
    }

    public Page<VectorStoreFile> listFiles(
            String projectId, String vectorStoreId, Optional<VectorStoreFileStatus> filter, PageRequest page) {
        find(projectId, vectorStoreId);
        return files.list(projectId, vectorStoreId, Optional.empty(), filter, page);
    }

    public VectorStoreFile updateFileAttributes(
            String projectId, String vectorStoreId, String fileId, Map<String, Object> attributes) {
        find(projectId, vectorStoreId);
        if (!files.updateAttributes(projectId, vectorStoreId, fileId, attributes == null ? Map.of() : attributes)) {
            throw fileNotFound(vectorStoreId, fileId);
        }
        return retrieveFile(projectId, vectorStoreId, fileId);
    }

    /** Removes the file from the store with its chunks; the file itself stays. Stops its processing. */
    public DeletedObject deleteFile(String projectId, String vectorStoreId, String fileId) {
        find(projectId, vectorStoreId);
        if (!files.delete(projectId, vectorStoreId, fileId)) {
            throw fileNotFound(vectorStoreId, fileId);
        }
        retrieval.index().deleteFile(vectorStoreId, fileId);
        return DeletedObject.of(fileId, "vector_store.file");
    }

    /** The file's text as the index holds it: its chunks, in order. */
    public FileContent fileContent(String projectId, String vectorStoreId, String fileId) {
        retrieveFile(projectId, vectorStoreId, fileId);
        return new FileContent(retrieval.index().chunks(vectorStoreId, fileId).stream()
                .map(hit -> new TextPart(hit.text()))
                .toList());
    }

    /** Removes a file deleted through the Files API from every vector store of the project, chunks included. */
    @Override
    public void fileDeleted(String projectId, String fileId) {
        for (String vectorStoreId : files.deleteEverywhere(projectId, fileId)) {
            retrieval.index().deleteFile(vectorStoreId, fileId);
        }
    }

    // ---- batches

    /**
     * Adds 1..{@value #MAX_BATCH_FILES} files as one batch and queues the new ones; unknown files are refused before
     * anything is stored.
     */
    public VectorStoreFileBatch createBatch(
            String projectId, String vectorStoreId, List<VectorStoreFileCreateRequest> requested) {
        find(projectId, vectorStoreId);
        if (requested.isEmpty() || requested.size() > MAX_BATCH_FILES) {
            throw new InvalidRequestException(
                    "A batch takes 1 to " + MAX_BATCH_FILES + " files, but got " + requested.size() + ".",
                    "file_ids",
                    "invalid_value");
        }
        long now = now();
        Map<String, VectorStoreFile> toAdd = new LinkedHashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            VectorStoreFileCreateRequest request = requested.get(i);
            ChunkingStrategy strategy = requireValid(request.chunkingStrategy(), "chunking_strategy");
            requireFile(projectId, request.fileId());
            toAdd.putIfAbsent(
                    request.fileId(),
                    VectorStoreFile.added(request.fileId(), vectorStoreId, now, strategy, request.attributes()));
        }
        VectorStoreFileBatch batch = new VectorStoreFileBatch(Ids.next(Ids.FILE_BATCH), now, vectorStoreId, null, null);
        batches.insert(projectId, batch, List.copyOf(toAdd.values()))
                .forEach(file -> ingestion.submit(projectId, file));
        stores.touch(projectId, vectorStoreId, now);
        return retrieveBatch(projectId, vectorStoreId, batch.id());
    }

    public VectorStoreFileBatch retrieveBatch(String projectId, String vectorStoreId, String batchId) {
        find(projectId, vectorStoreId);
        return batches.find(projectId, vectorStoreId, batchId).orElseThrow(() -> batchNotFound(vectorStoreId, batchId));
    }

    /**
     * Cancels the batch: its files still in progress become {@code cancelled} (work on them stops and their chunks are
     * dropped), and the batch is {@code cancelled} once none is in progress.
     */
    public VectorStoreFileBatch cancelBatch(String projectId, String vectorStoreId, String batchId) {
        find(projectId, vectorStoreId);
        if (!batches.cancel(projectId, vectorStoreId, batchId)) {
            throw batchNotFound(vectorStoreId, batchId);
        }
        // Work on them stops and drops their chunks: a cancelled file can no longer be finished.
        return retrieveBatch(projectId, vectorStoreId, batchId);
    }

    public Page<VectorStoreFile> listBatchFiles(
            String projectId,
            String vectorStoreId,
            String batchId,
            Optional<VectorStoreFileStatus> filter,
            PageRequest page) {
        retrieveBatch(projectId, vectorStoreId, batchId);
        return files.list(projectId, vectorStoreId, Optional.of(batchId), filter, page);
    }

    // ---- search

    /** Searches one store; counts as activity. Every query is searched and the best chunks of all are returned. */
    public SearchResults search(String projectId, String vectorStoreId, VectorStoreSearchRequest request) {
        VectorStore store = find(projectId, vectorStoreId);
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

    // ---- helpers

    private VectorStore find(String projectId, String vectorStoreId) {
        return stores.find(projectId, vectorStoreId).map(s -> s.at(now())).orElseThrow(() -> notFound(vectorStoreId));
    }

    private void requireFile(String projectId, String fileId) {
        if (fileObjects.find(projectId, fileId).isEmpty()) {
            throw new NotFoundException("No such File object: " + fileId, "file_id");
        }
    }

    private String filename(String projectId, String fileId) {
        return fileObjects.find(projectId, fileId).map(FileObject::filename).orElse(fileId);
    }

    /** The strategy to store: auto for null; a static one within the API's bounds. */
    static ChunkingStrategy requireValid(ChunkingStrategy strategy, String param) {
        if (strategy == null) {
            return ChunkingStrategy.AUTO;
        }
        int max = strategy.staticChunking().maxChunkSizeTokens();
        int overlap = strategy.staticChunking().chunkOverlapTokens();
        if (max < ChunkingStrategy.MIN_CHUNK_TOKENS || max > ChunkingStrategy.MAX_CHUNK_TOKENS) {
            throw new InvalidRequestException(
                    "Invalid '" + param + ".static.max_chunk_size_tokens': expected a value between "
                            + ChunkingStrategy.MIN_CHUNK_TOKENS + " and " + ChunkingStrategy.MAX_CHUNK_TOKENS
                            + ", but got " + max + " instead.",
                    param + ".static.max_chunk_size_tokens",
                    "invalid_value");
        }
        if (overlap < 0 || overlap > max / 2) {
            throw new InvalidRequestException(
                    "Invalid '" + param + ".static.chunk_overlap_tokens': the overlap must be between 0 and half of"
                            + " max_chunk_size_tokens (" + max / 2 + "), but got " + overlap + " instead.",
                    param + ".static.chunk_overlap_tokens",
                    "invalid_value");
        }
        return strategy;
    }

    private static void requireValid(ExpiresAfter expiresAfter, String param) {
        if (expiresAfter == null) {
            return;
        }
        if (!ExpiresAfter.LAST_ACTIVE_AT.equals(expiresAfter.anchor())) {
            throw new InvalidRequestException(
                    "Invalid value for '" + param + ".anchor': '" + expiresAfter.anchor()
                            + "'. Supported values are: last_active_at.",
                    param + ".anchor",
                    "invalid_value");
        }
        if (expiresAfter.days() < ExpiresAfter.MIN_DAYS || expiresAfter.days() > ExpiresAfter.MAX_DAYS) {
            throw new InvalidRequestException(
                    "Invalid '" + param + ".days': expected a value between " + ExpiresAfter.MIN_DAYS + " and "
                            + ExpiresAfter.MAX_DAYS + ", but got " + expiresAfter.days() + " instead.",
                    param + ".days",
                    "invalid_value");
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static NotFoundException notFound(String vectorStoreId) {
        return NotFoundException.of("vector store", vectorStoreId);
    }

    private static NotFoundException fileNotFound(String vectorStoreId, String fileId) {
        return new NotFoundException("No file found with id '" + fileId + "' in vector store '" + vectorStoreId + "'.");
    }

    private static NotFoundException batchNotFound(String vectorStoreId, String batchId) {
        return new NotFoundException(
                "No file batch found with id '" + batchId + "' in vector store '" + vectorStoreId + "'.");
    }
}
