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
import dev.assistants4j.core.store.VectorStoreFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * in_progress} once ({@link VectorStoreFileStore#finish}). Work on one file never runs twice at once. Thread-safe.
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
    private volatile boolean stopping;

    public VectorStoreIngestion(
            VectorStoreFileStore files, FileStore fileObjects, BlobStore blobs, Retrieval retrieval) {
        this.files = files;
        this.fileObjects = fileObjects;
        this.blobs = blobs;
        this.retrieval = retrieval;
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

    /** Queues an in-progress file. */
    public void submit(String projectId, VectorStoreFile file) {
        outstanding.incrementAndGet();
        queue.add(new Job(projectId, file.vectorStoreId(), file.id(), 0));
    }

    /** True when no file is queued or being processed (for tests and benchmarks that wait for quiet). */
    public boolean idle() {
        return outstanding.get() == 0;
    }

    /** Queues every file a previous process left in progress; returns how many. Call once, at start-up. */
    public int recover() {
        List<VectorStoreFileStore.PendingFile> pending = files.inProgress();
        pending.forEach(p -> submit(p.projectId(), p.file()));
        if (!pending.isEmpty()) {
            LOG.info("Re-queued {} vector store files left in progress", pending.size());
        }
        return pending.size();
    }

    /** How many files wait in the queue (not counting those being processed). */
    public int queued() {
        return queue.size();
    }

    /** Stops the workers; files still in progress stay so and are picked up by the next {@link #recover()}. */
    @Override
    public void close() {
        stopping = true;
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

    private void run(Job job) {
        Optional<VectorStoreFile> pending = current(job);
        if (pending.isEmpty()) {
            return; // deleted or cancelled while queued
        }
        VectorStoreFile file = pending.get();
        try {
            long usage = ingest(job, file);
            if (usage < 0 || !files.finish(job.projectId(), file.completed(usage))) {
                retrieval.index().deleteFile(job.vectorStoreId(), job.fileId()); // abandoned: leave nothing behind
            }
        } catch (ServiceUnavailableException e) {
            retryLater(job, e);
        } catch (ExtractionException | RuntimeException e) {
            if (stopping) {
                return; // interrupted by shutdown: stays in progress, recovered on the next start
            }
            fail(job, file, lastError(job, e));
        }
    }

    /** Works on the file again after a delay; it stays in progress meanwhile (and counts as outstanding). */
    private void retryLater(Job job, ServiceUnavailableException cause) {
        if (stopping) {
            return; // stays in progress, recovered on the next start
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
        } catch (RejectedExecutionException e) {
            outstanding.decrementAndGet(); // stopping: recovered on the next start
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

    private Optional<VectorStoreFile> current(Job job) {
        return files.find(job.projectId(), job.vectorStoreId(), job.fileId())
                .filter(f -> f.status() == VectorStoreFileStatus.IN_PROGRESS);
    }

    private void fail(Job job, VectorStoreFile file, LastError error) {
        try {
            retrieval.index().deleteFile(job.vectorStoreId(), job.fileId());
            files.finish(job.projectId(), file.failed(error));
        } catch (ServiceUnavailableException e) {
            retryLater(job, e);
        } catch (RuntimeException e) {
            LOG.error("Could not mark file {} of vector store {} failed", job.fileId(), job.vectorStoreId(), e);
        }
    }

    /** One file to process. */
    private record Job(String projectId, String vectorStoreId, String fileId, int attempt) {
        String key() {
            return vectorStoreId + "/" + fileId;
        }

        Job next() {
            return new Job(projectId, vectorStoreId, fileId, attempt + 1);
        }
    }
}
