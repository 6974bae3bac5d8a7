package dev.assistants4j.core.service;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.ChunkingStrategy;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileBatch;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.service.VectorStorePages.FileContent;
import dev.assistants4j.core.service.VectorStorePages.TextPart;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.VectorStoreFileBatchStore;
import dev.assistants4j.core.store.VectorStoreFileStore;
import dev.assistants4j.core.store.VectorStoreStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of vector stores and their batches: the {@code /vector_stores/{id}/files} and {@code /file_batches}
 * endpoints. Adding a file stores its row {@code in_progress} and hands it to the {@link VectorStoreIngestion}, which
 * turns it into chunks in the background; removing one removes its chunks from the index. Also the {@link
 * FileService.DeletionHook} that removes a file deleted through the Files API from every vector store of its project.
 * Its own class because this is the only role that writes file rows from requests; the store's existence and the
 * request's checks come from {@link VectorStoreService}. Stateless apart from its collaborators; thread-safe.
 */
public final class VectorStoreFileService implements FileService.DeletionHook {

    /** The most files one batch takes. */
    public static final int MAX_BATCH_FILES = 2000;

    private final VectorStoreService vectorStores;
    private final VectorStoreStore stores;
    private final VectorStoreFileStore files;
    private final VectorStoreFileBatchStore batches;
    private final ChunkIndex index;
    private final VectorStoreIngestion ingestion;
    private final Clock clock;

    VectorStoreFileService(
            VectorStoreService vectorStores,
            Stores stores,
            ChunkIndex index,
            VectorStoreIngestion ingestion,
            Clock clock) {
        this.vectorStores = vectorStores;
        this.stores = stores.vectorStores();
        this.files = stores.vectorStoreFiles();
        this.batches = stores.vectorStoreFileBatches();
        this.index = index;
        this.ingestion = ingestion;
        this.clock = clock;
    }

    // ---- files

    /**
     * Adds a file of the project and queues it; a file the store already has is returned as it is.
     *
     * @throws NotFoundException when the store or the file does not exist
     */
    public VectorStoreFile addFile(String projectId, String vectorStoreId, VectorStoreFileCreateRequest request) {
        vectorStores.find(projectId, vectorStoreId);
        ChunkingStrategy strategy = VectorStoreService.requireValid(request.chunkingStrategy(), "chunking_strategy");
        vectorStores.requireFile(projectId, request.fileId());
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
        vectorStores.find(projectId, vectorStoreId);
        return files.find(projectId, vectorStoreId, fileId).orElseThrow(() -> fileNotFound(vectorStoreId, fileId));
    }

    public Page<VectorStoreFile> listFiles(
            String projectId, String vectorStoreId, Optional<VectorStoreFileStatus> filter, PageRequest page) {
        vectorStores.find(projectId, vectorStoreId);
        return files.list(projectId, vectorStoreId, Optional.empty(), filter, page);
    }

    public VectorStoreFile updateFileAttributes(
            String projectId, String vectorStoreId, String fileId, Map<String, Object> attributes) {
        vectorStores.find(projectId, vectorStoreId);
        if (!files.updateAttributes(projectId, vectorStoreId, fileId, attributes == null ? Map.of() : attributes)) {
            throw fileNotFound(vectorStoreId, fileId);
        }
        return retrieveFile(projectId, vectorStoreId, fileId);
    }

    /** Removes the file from the store with its chunks; the file itself stays. Stops its processing. */
    public DeletedObject deleteFile(String projectId, String vectorStoreId, String fileId) {
        vectorStores.find(projectId, vectorStoreId);
        if (!files.delete(projectId, vectorStoreId, fileId)) {
            throw fileNotFound(vectorStoreId, fileId);
        }
        index.deleteFile(vectorStoreId, fileId);
        return DeletedObject.of(fileId, "vector_store.file");
    }

    /** The file's text as the index holds it: its chunks, in order. */
    public FileContent fileContent(String projectId, String vectorStoreId, String fileId) {
        retrieveFile(projectId, vectorStoreId, fileId);
        return new FileContent(index.chunks(vectorStoreId, fileId).stream()
                .map(hit -> new TextPart(hit.text()))
                .toList());
    }

    /** Removes a file deleted through the Files API from every vector store of the project, chunks included. */
    @Override
    public void fileDeleted(String projectId, String fileId) {
        for (String vectorStoreId : files.deleteEverywhere(projectId, fileId)) {
            index.deleteFile(vectorStoreId, fileId);
        }
    }

    /**
     * Adds 1..{@value #MAX_BATCH_FILES} files as one batch and queues the new ones; unknown files are refused before
     * anything is stored.
     */
    public VectorStoreFileBatch createBatch(
            String projectId, String vectorStoreId, List<VectorStoreFileCreateRequest> requested) {
        vectorStores.find(projectId, vectorStoreId);
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
            ChunkingStrategy strategy =
                    VectorStoreService.requireValid(request.chunkingStrategy(), "chunking_strategy");
            vectorStores.requireFile(projectId, request.fileId());
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
        vectorStores.find(projectId, vectorStoreId);
        return batches.find(projectId, vectorStoreId, batchId).orElseThrow(() -> batchNotFound(vectorStoreId, batchId));
    }

    /**
     * Cancels the batch: its files still in progress become {@code cancelled} (work on them stops and their chunks are
     * dropped), and the batch is {@code cancelled} once none is in progress.
     */
    public VectorStoreFileBatch cancelBatch(String projectId, String vectorStoreId, String batchId) {
        vectorStores.find(projectId, vectorStoreId);
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

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static NotFoundException fileNotFound(String vectorStoreId, String fileId) {
        return new NotFoundException("No file found with id '" + fileId + "' in vector store '" + vectorStoreId + "'.");
    }

    private static NotFoundException batchNotFound(String vectorStoreId, String batchId) {
        return new NotFoundException(
                "No file batch found with id '" + batchId + "' in vector store '" + vectorStoreId + "'.");
    }
}
