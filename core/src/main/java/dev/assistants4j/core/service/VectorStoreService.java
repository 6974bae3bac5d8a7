package dev.assistants4j.core.service;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.ChunkingStrategy;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.ExpiresAfter;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.VectorStoreFileStore;
import dev.assistants4j.core.store.VectorStoreStore;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The vector stores themselves: create (with their first files), retrieve, list, modify and delete, the {@code
 * /vector_stores} endpoints without {@code /files}, {@code /file_batches} and {@code /search}; the files it is created
 * with go to the {@link VectorStoreIngestion}. Its own class because the other roles of vector stores ({@link
 * VectorStoreFileService files and batches}, {@link VectorStoreSearch search}) need from it only to find a store and
 * to check what a request gives, which it offers them package-private. A store is read {@link VectorStore#at(long) as
 * of now}, so its expiry shows without a writer. Stateless apart from its collaborators; thread-safe.
 */
public final class VectorStoreService {

    /** The most files {@code POST /vector_stores} takes. */
    public static final int MAX_CREATE_FILES = 500;

    private final VectorStoreStore stores;
    private final VectorStoreFileStore files;
    private final FileStore fileObjects;
    private final ChunkIndex index;
    private final VectorStoreIngestion ingestion;
    private final Clock clock;

    VectorStoreService(Stores stores, ChunkIndex index, VectorStoreIngestion ingestion, Clock clock) {
        this.stores = stores.vectorStores();
        this.files = stores.vectorStoreFiles();
        this.fileObjects = stores.files();
        this.index = index;
        this.ingestion = ingestion;
        this.clock = clock;
    }

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
        index.deleteStore(vectorStoreId);
        return DeletedObject.of(vectorStoreId, "vector_store");
    }

    // ---- what the other roles share

    /** The store as of now. */
    VectorStore find(String projectId, String vectorStoreId) {
        return stores.find(projectId, vectorStoreId).map(s -> s.at(now())).orElseThrow(() -> notFound(vectorStoreId));
    }

    /** @throws NotFoundException when the project has no such file */
    void requireFile(String projectId, String fileId) {
        if (fileObjects.find(projectId, fileId).isEmpty()) {
            throw new NotFoundException("No such File object: " + fileId, "file_id");
        }
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
}
