package dev.assistants4j.core.search;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An embedder whose calls from virtual threads run on a few platform threads: a local model computes in native code
 * (ONNX Runtime), which pins the carrier thread a virtual thread runs on, and the few carriers are shared by every
 * request and run. Calls from platform threads run directly. Thread-safe.
 */
public final class PlatformThreadEmbedder implements Embedder, AutoCloseable {

    private final Embedder embedder;
    private final ExecutorService threads;

    /** @param threads how many calls from virtual threads run at once */
    public PlatformThreadEmbedder(Embedder embedder, int threads) {
        this.embedder = embedder;
        this.threads = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().daemon().name("embedder-", 0).factory());
    }

    @Override
    public String name() {
        return embedder.name();
    }

    @Override
    public int dimensions() {
        return embedder.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (!Thread.currentThread().isVirtual()) {
            return embedder.embed(texts);
        }
        Future<List<float[]>> result = threads.submit(() -> embedder.embed(texts));
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new EmbeddingException("The embedding model failed", e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new EmbeddingException("Interrupted while embedding", e);
        }
    }

    /** Stops the threads, then closes the wrapped embedder when it holds resources. */
    @Override
    public void close() {
        threads.shutdownNow();
        if (embedder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("The embedding model did not close cleanly", e);
            }
        }
    }
}
