package dev.assistants4j.core.service;

import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.core.store.Stores;
import java.time.Clock;
import java.util.Optional;

/**
 * The vector store services of one server, wired together over one {@link Retrieval}: the stores themselves ({@link
 * #vectorStores()}), their files and batches ({@link #files()}), the background {@link VectorStoreIngestion} that
 * turns files into chunks, the {@link #search()} that {@code POST …/search} and the file_search tool of runs use, and
 * the {@link #resources() tool_resources} of assistants and threads that point at stores. Each role is its own class
 * so that a caller depends on the one it needs (the run engine on {@link FileSearch} only); this class only builds
 * them and owns the ingestion's lifecycle ({@link #recover()} at start-up, {@link #close()} at shutdown). Thread-safe.
 */
public final class VectorStoreServices implements AutoCloseable {

    private final VectorStoreIngestion ingestion;
    private final VectorStoreService vectorStores;
    private final VectorStoreFileService files;
    private final VectorStoreSearch search;
    private final VectorStoreResources resources;

    /** Starts the ingestion workers of a node alone on its database; {@link #close()} stops them. */
    public VectorStoreServices(Stores stores, BlobStore blobs, Retrieval retrieval, Clock clock) {
        this(stores, blobs, retrieval, clock, Optional.empty());
    }

    /**
     * Starts the ingestion workers; {@link #close()} stops them. With {@code sharing}, the node shares the files to
     * ingest with the other nodes of its database, under leases (see {@link VectorStoreIngestion}).
     */
    public VectorStoreServices(
            Stores stores, BlobStore blobs, Retrieval retrieval, Clock clock, Optional<IngestionSharing> sharing) {
        this.ingestion = sharing.map(shared -> new VectorStoreIngestion(
                        stores.vectorStoreFiles(), stores.files(), blobs, retrieval, stores.runLeases(), shared, clock))
                .orElseGet(() -> new VectorStoreIngestion(stores.vectorStoreFiles(), stores.files(), blobs, retrieval));
        this.vectorStores = new VectorStoreService(stores, retrieval.index(), ingestion, clock);
        this.files = new VectorStoreFileService(vectorStores, stores, retrieval.index(), ingestion, clock);
        this.resources = new VectorStoreResources(vectorStores, files, stores);
        this.search = new VectorStoreSearch(vectorStores, stores, retrieval, resources, clock);
    }

    /** Create, retrieve, list, modify and delete vector stores. */
    public VectorStoreService vectorStores() {
        return vectorStores;
    }

    /** The files and file batches of vector stores; also the hook that follows deletes through the Files API. */
    public VectorStoreFileService files() {
        return files;
    }

    /** Searching vector stores, for the search endpoint and for runs' file_search calls. */
    public VectorStoreSearch search() {
        return search;
    }

    /** Checks the vector stores of a request's tool_resources and creates the ones it asks for inline. */
    public ToolResourcesResolver resources() {
        return resources;
    }

    /**
     * Queues the files a previous process left in progress (on a shared node: those no live node ingests); returns how
     * many. Call once, at start-up.
     */
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
}
