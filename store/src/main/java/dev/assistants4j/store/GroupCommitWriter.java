package dev.assistants4j.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a database that allows one (SQLite): one platform thread takes the write transactions
 * callers queue, runs the ones waiting together in one database transaction (each in its own savepoint, so one
 * failing does not undo the others), and commits them with one sync. Under load this turns many fsyncs into one;
 * alone, a write costs what it did. A caller returns only after the commit that holds its work, so a returned write
 * is durable. Thread-safe.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 64;

    private final Jdbi jdbi;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    /** Commits made so far; written by the writer thread only. */
    private volatile long commits;

    GroupCommitWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.thread = Thread.ofPlatform().daemon().name("sqlite-writer").start(this::loop);
    }

    /** Runs {@code callback} in a committed transaction and returns its result; blocks until durable. */
    <R> R write(HandleCallback<R, RuntimeException> callback) {
        if (closed) {
            throw new IllegalStateException("The store is closed.");
        }
        Job<R> job = new Job<>(callback, new CompletableFuture<>());
        queue.add(job);
        try {
            return job.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a database write", e);
        }
    }

    private void loop() {
        List<Job<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Job<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try (Handle handle = jdbi.open()) {
            handle.begin();
            for (int i = 0; i < batch.size(); i++) {
                completions.add(runInSavepoint(handle, batch.get(i), "w" + i));
            }
            handle.commit();
            commits++;
        } catch (RuntimeException e) {
            LOG.error("A group commit of {} write(s) failed", batch.size(), e);
            batch.forEach(job -> job.result().completeExceptionally(e));
            return;
        }
        completions.forEach(Runnable::run);
    }

    /** Runs one job; returns what completes its caller once the batch is committed. */
    private static <R> Runnable runInSavepoint(Handle handle, Job<R> job, String savepoint) {
        handle.savepoint(savepoint);
        try {
            R result = job.callback().withHandle(handle);
            handle.releaseSavepoint(savepoint);
            return () -> job.result().complete(result);
        } catch (RuntimeException e) {
            // Undoes only this job's work; JDBI forgets the savepoint with it, so there is nothing to release.
            handle.rollbackToSavepoint(savepoint);
            return () -> job.result().completeExceptionally(e);
        }
    }

    /** How many commits this writer made (each holding one or more writes). */
    long commits() {
        return commits;
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Job<R>(HandleCallback<R, RuntimeException> callback, CompletableFuture<R> result) {}
}
