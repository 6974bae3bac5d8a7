package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.search.EmbeddingException;
import dev.assistants4j.core.search.ExtractionException;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.search.TextChunk;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.core.store.FileStore;
import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.core.store.VectorStoreFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the files added to vector stores into searchable chunks, in the background: a queue drained by {@value
 * #CONCURRENCY} platform threads. For each file it reads the content, extracts the text, cuts it with the file's
 * chunking strategy, embeds the chunks in batches of {@value #EMBED_BATCH}, adds them to the index and marks the file
 * {@code completed}; any failure marks it {@code failed} with a {@code last_error}, so no file stays in progress while
 * the process runs. A file whose work met a full disk (a 503 from the index or the store) stays in progress and is
 * worked on again later (after 1 s, doubling to {@link #MAX_RETRY_DELAY}), so it completes once space is back.
 *
 * <p>A file's {@code usage_bytes} is what it takes in the index: the UTF-8 bytes of its chunks' text plus 4 bytes per
 * embedding dimension per chunk.
 *
 * <p>The file's row is the source of truth: work whose row is gone or no longer in progress (deleted, cancelled) is
 * skipped or abandoned, and chunks added for it are removed again, because a file's state only moves from {@code
 * in_progress} once ({@link VectorStoreFileStore#finish}). Work on one file never runs twice at once on one node.
 *
 * <p>On a node that shares its database with others ({@link IngestionSharing}), a file is worked on only while this
 * node holds its lease ({@link IngestionLeases}): {@link #submit} takes it before queueing the file, the end of the work
 * (completed, failed, cancelled, deleted, or this node stopping) gives it up, and a periodic scan queues the files
 * whose lease expired or that have none; {@link #recover()} is that scan, not a re-queueing of every file in progress.
 * Should two nodes work on one file anyway (a node paused for longer than a lease), the outcome is the same as once:
 * {@link dev.assistants4j.core.search.ChunkIndex#add} replaces a file's chunks, only the first {@code finish} writes,
 * and the other node's work, finding the file completed, leaves its chunks in place. Thread-safe.
 */
public final class VectorStoreIngestion implements AutoCloseable {

    /** How many files are processed at once. */
    public static final int CONCURRENCY = 2;

    /** How many chunks go to the embedder in one call. */
    public static final int EMBED_BATCH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(VectorStoreIngestion.class);
    private static final String SERVER_ERROR = "server_error";
    private static final int STRIPES = 64;
    private static final long STOP_WAIT_SECONDS = 10;
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);

    private final VectorStoreFileStore files;
    private final FileStore fileObjects;
    private final BlobStore blobs;
    private final Retrieval retrieval;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger outstanding =
            new java.util.concurrent.atomic.AtomicInteger();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("vector-store-ingestion-retry").factory());
    /** The leases of the files this node works on; null on a node alone on its database. */
    private final IngestionLeases leases;

    private volatile boolean stopping;

    /** Ingestion on a node alone on its database. */
    public VectorStoreIngestion(
            VectorStoreFileStore files, FileStore fileObjects, BlobStore blobs, Retrieval retrieval) {
        this(files, fileObjects, blobs, retrieval, null);
    }

    /**
     * Ingestion on a node sharing its database with others as {@code sharing} says, under the leases of {@code
     * leaseStore}; renewing and scanning start at once.
     */
    public VectorStoreIngestion(
            VectorStoreFileStore files,
            FileStore fileObjects,
            BlobStore blobs,
            Retrieval retrieval,
            RunLeaseStore leaseStore,
            IngestionSharing sharing,
            Clock clock) {
        this(files, fileObjects, blobs, retrieval, new IngestionLeases(leaseStore, sharing, clock));
        leases.start(this::scan);
    }

    private VectorStoreIngestion(
            VectorStoreFileStore files,
            FileStore fileObjects,
            BlobStore blobs,
            Retrieval retrieval,
            IngestionLeases leases) {
        this.files = files;
        this.fileObjects = fileObjects;
        this.blobs = blobs;
        this.retrieval = retrieval;
        this.leases = leases;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        for (int i = 0; i < CONCURRENCY; i++) {
            // Platform threads: embedding runs long native (ONNX) calls, which would pin the few carrier threads that
            // every virtual thread (HTTP requests, runs) shares.
            workers.add(Thread.ofPlatform()
                    .daemon()
                    .name("vector-store-ingestion-" + i)
                    .start(this::work));
        }
    }

    /**
     * Queues an in-progress file. On a shared node, only once this node took the file's lease: a file another node
     * ingests, or whose lease cannot be taken now (the database is away), is not queued here (the scans of the nodes
     * pick it up once no live node holds its lease).
     */
    public void submit(String projectId, VectorStoreFile file) {
        if (leases == null) {
            enqueue(new Job(projectId, file.vectorStoreId(), file.id(), 0, null));
            return;
        }
        Optional<IngestionLeases.Claim> claim;
        try {
            claim = leases.claim(file.vectorStoreId(), file.id());
        } catch (RuntimeException e) {
            LOG.warn(
                    "File {} of vector store {} waits for a scan: its lease could not be taken: {}",
                    file.id(),
                    file.vectorStoreId(),
                    e.getMessage());
            return;
        }
        claim.ifPresent(c -> enqueue(new Job(projectId, file.vectorStoreId(), file.id(), 0, c)));
    }

    private void enqueue(Job job) {
        outstanding.incrementAndGet();
        queue.add(job);
    }

    /** True when no file is queued or being processed (for tests and benchmarks that wait for quiet). */
    public boolean idle() {
        return outstanding.get() == 0;
    }

    /**
     * Queues every file a previous process left in progress; returns how many. Call once, at start-up. On a shared
     * node, only the files no live node ingests (no lease, or an expired one) are queued here: this is the first of its
     * periodic scans.
     */
    public int recover() {
        if (leases != null) {
            return scan();
        }
        List<VectorStoreFileStore.PendingFile> pending = files.inProgress();
        pending.forEach(p -> submit(p.projectId(), p.file()));
        if (!pending.isEmpty()) {
            LOG.info("Re-queued {} vector store files left in progress", pending.size());
        }
        return pending.size();
    }

    /** Queues the files in progress that no live node ingests, taking their leases; returns how many. */
    int scan() {
        if (stopping) {
            return 0;
        }
        int queued = 0;
        for (VectorStoreFileStore.PendingFile orphan : leases.orphans()) {
            VectorStoreFile file = orphan.file();
            Optional<IngestionLeases.Claim> claim = leases.claim(file.vectorStoreId(), file.id());
            if (claim.isPresent()) {
                LOG.info(
                        "Ingesting file {} of vector store {}, which no node was ingesting",
                        file.id(),
                        file.vectorStoreId());
                enqueue(new Job(orphan.projectId(), file.vectorStoreId(), file.id(), 0, claim.get()));
                queued++;
            }
        }
        return queued;
    }

    /** How many files wait in the queue (not counting those being processed). */
    public int queued() {
        return queue.size();
    }

    /**
     * Stops the workers; files still in progress stay so and are picked up by the next {@link #recover()}, or on a
     * shared node by another node's scan (this node gives up their leases).
     */
    @Override
    public void close() {
        stopping = true;
        if (leases != null) {
            leases.close();
        }
        retries.shutdownNow();
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                if (!worker.join(Duration.ofSeconds(STOP_WAIT_SECONDS))) {
                    LOG.warn("Ingestion worker {} did not stop in time", worker.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (leases != null) {
            leases.releaseAll();
        }
    }

    private void work() {
        while (!stopping) {
            Job job;
            try {
                job = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job != null) {
                ReentrantLock lock = stripes[Math.floorMod(job.key().hashCode(), STRIPES)];
                lock.lock();
                try {
                    run(job);
                } finally {
                    lock.unlock();
                    outstanding.decrementAndGet();
                }
            }
        }
    }

    /** Works on the file; its lease is given up when the work ends, not when it is to be retried. */
    private void run(Job job) {
        boolean retrying = false;
        try {
            retrying = process(job);
        } finally {
            if (!retrying && job.claim() != null) {
                leases.release(job.claim());
            }
        }
    }

    /** Returns true when the work is to be retried later (the job keeps its lease). */
    private boolean process(Job job) {
        Optional<VectorStoreFile> pending = current(job);
        if (pending.isEmpty()) {
            return false; // deleted or cancelled while queued, or no longer this node's
        }
        VectorStoreFile file = pending.get();
        try {
            long usage = ingest(job, file);
            if (usage < 0 || !files.finish(job.projectId(), file.completed(usage))) {
                abandon(job);
            }
            return false;
        } catch (ServiceUnavailableException e) {
            return retryLater(job, e);
        } catch (ExtractionException | RuntimeException e) {
            if (stopping) {
                return false; // interrupted by shutdown: stays in progress, recovered on the next start
            }
            return fail(job, file, lastError(job, e));
        }
    }

    /**
     * Leaves nothing behind of work that did not finish the file: removes its chunks, unless the file is completed
     * (another node finished it: the chunks are that node's, the same as these) or still in progress (another node
     * took it over and works on it).
     */
    private void abandon(Job job) {
        Optional<VectorStoreFileStatus> status =
                files.find(job.projectId(), job.vectorStoreId(), job.fileId()).map(VectorStoreFile::status);
        if (status.isEmpty()
                || (status.get() != VectorStoreFileStatus.COMPLETED
                        && status.get() != VectorStoreFileStatus.IN_PROGRESS)) {
            retrieval.index().deleteFile(job.vectorStoreId(), job.fileId());
        }
    }

    /**
     * Works on the file again after a delay; it stays in progress meanwhile (and counts as outstanding). Returns false
     * when stopping (nothing is scheduled).
     */
    private boolean retryLater(Job job, ServiceUnavailableException cause) {
        if (stopping) {
            return false; // stays in progress, recovered on the next start
        }
        Duration delay = Duration.ofSeconds(1L << Math.min(job.attempt(), 6));
        delay = delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
        LOG.warn(
                "File {} of vector store {}: {}; trying again in {} s",
                job.fileId(),
                job.vectorStoreId(),
                cause.getMessage(),
                delay.toSeconds());
        outstanding.incrementAndGet();
        try {
            retries.schedule(() -> queue.add(job.next()), delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            outstanding.decrementAndGet(); // stopping: recovered on the next start
            return false;
        }
    }

    /** The {@code last_error} of a failure: the extractor's code, else a server error. */
    private static LastError lastError(Job job, Exception failure) {
        return switch (failure) {
            case ExtractionException e -> new LastError(e.code(), e.getMessage());
            case UnsupportedOperationException e -> new LastError(SERVER_ERROR, e.getMessage());
            case EmbeddingException e -> {
                LOG.warn("Embedding file {} of vector store {} failed", job.fileId(), job.vectorStoreId(), e);
                yield new LastError(SERVER_ERROR, "The file could not be embedded: the embedding model failed.");
            }
            default -> {
                LOG.warn("Processing file {} of vector store {} failed", job.fileId(), job.vectorStoreId(), failure);
                yield new LastError(SERVER_ERROR, "The file could not be processed because of a server error.");
            }
        };
    }

    /** Indexes the file; returns its usage in bytes, or -1 when the work was abandoned. */
    private long ingest(Job job, VectorStoreFile file) throws ExtractionException {
        Optional<FileObject> object = fileObjects.find(job.projectId(), job.fileId());
        if (object.isEmpty()) {
            throw new ExtractionException(ExtractionException.INVALID_FILE, "The file no longer exists.");
        }
        String text;
        try (InputStream content = blobs.open(job.fileId())) {
            text = retrieval.extractor().extract(object.get().filename(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var strategy = file.chunkingStrategy().staticChunking();
        List<TextChunk> chunks =
                retrieval.chunker().chunk(text, strategy.maxChunkSizeTokens(), strategy.chunkOverlapTokens());
        if (chunks.isEmpty()) {
            throw new ExtractionException(ExtractionException.INVALID_FILE, "The file contains no text.");
        }
        List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
        for (int from = 0; from < chunks.size(); from += EMBED_BATCH) {
            if (current(job).isEmpty()) {
                return -1;
            }
            List<TextChunk> batch = chunks.subList(from, Math.min(chunks.size(), from + EMBED_BATCH));
            List<float[]> vectors = retrieval
                    .embedder()
                    .embed(batch.stream().map(TextChunk::text).toList());
            for (int i = 0; i < batch.size(); i++) {
                TextChunk chunk = batch.get(i);
                indexed.add(new IndexedChunk(
                        job.vectorStoreId(), job.fileId(), chunk.index(), chunk.text(), vectors.get(i)));
            }
        }
        if (current(job).isEmpty()) {
            return -1;
        }
        retrieval.index().add(indexed);
        return usageBytes(indexed);
    }

    /** The UTF-8 bytes of the chunks' text plus 4 bytes per dimension of each chunk's vector. */
    static long usageBytes(List<IndexedChunk> chunks) {
        long bytes = 0;
        for (IndexedChunk chunk : chunks) {
            bytes += chunk.text().getBytes(StandardCharsets.UTF_8).length + 4L * chunk.vector().length;
        }
        return bytes;
    }

    /** The file while it is in progress and, on a shared node, this node still holds its lease. */
    private Optional<VectorStoreFile> current(Job job) {
        if (!ours(job)) {
            return Optional.empty();
        }
        return files.find(job.projectId(), job.vectorStoreId(), job.fileId())
                .filter(f -> f.status() == VectorStoreFileStatus.IN_PROGRESS);
    }

    /** False once another node took the file's lease from this one (always true on a node alone). */
    private boolean ours(Job job) {
        return job.claim() == null || leases.holds(job.claim());
    }

    /** Marks the file failed; returns true when that is to be retried later. */
    private boolean fail(Job job, VectorStoreFile file, LastError error) {
        if (!ours(job)) {
            return false; // another node works on the file now: its outcome decides
        }
        try {
            retrieval.index().deleteFile(job.vectorStoreId(), job.fileId());
            files.finish(job.projectId(), file.failed(error));
            return false;
        } catch (ServiceUnavailableException e) {
            return retryLater(job, e);
        } catch (RuntimeException e) {
            LOG.error("Could not mark file {} of vector store {} failed", job.fileId(), job.vectorStoreId(), e);
            return false;
        }
    }

    /**
     * One file to process, with this node's claim of it on a shared node (null on a node alone).
     */
    private record Job(
            String projectId, String vectorStoreId, String fileId, int attempt, IngestionLeases.Claim claim) {
        String key() {
            return vectorStoreId + "/" + fileId;
        }

        Job next() {
            return new Job(projectId, vectorStoreId, fileId, attempt + 1, claim);
        }
    }
}
