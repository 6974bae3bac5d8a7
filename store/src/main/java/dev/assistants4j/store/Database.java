package dev.assistants4j.store;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * A JDBI handle factory that hands write transactions to one group-committing writer when the database allows one
 * writer (SQLite), and runs reads concurrently. Calls from virtual threads run on a small pool of platform threads, as many as there are
 * connections: JDBC drivers block in native code (SQLite's fsync), which would otherwise hold one of the few carrier
 * threads every virtual thread shares. Thread-safe.
 */
final class Database implements AutoCloseable {

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;
    private final ExecutorService jdbcThreads;

    Database(Jdbi jdbi, boolean singleWriter, int connections) {
        this.jdbi = jdbi;
        this.writer = singleWriter ? new GroupCommitWriter(jdbi) : null;
        this.jdbcThreads = Executors.newFixedThreadPool(
                connections, Thread.ofPlatform().daemon().name("jdbc-", 0).factory());
    }

    /** Runs {@code callback} in a read transaction. */
    <R> R read(HandleCallback<R, RuntimeException> callback) {
        return onJdbcThread(() -> jdbi.withHandle(callback));
    }

    /**
     * Runs {@code callback} in a write transaction; it is committed (and durable) when this returns. With a single
     * writer, concurrent writes share one commit (see {@link GroupCommitWriter}).
     */
    <R> R write(HandleCallback<R, RuntimeException> callback) {
        if (writer != null) {
            return writer.write(callback);
        }
        return onJdbcThread(() -> jdbi.inTransaction(callback));
    }

    private <R> R onJdbcThread(Callable<R> work) {
        if (!Thread.currentThread().isVirtual()) {
            return call(work);
        }
        Future<R> result = jdbcThreads.submit(work);
        try {
            return result.get();
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
            throw new IllegalStateException("Interrupted while waiting for the database", e);
        }
    }

    private static <R> R call(Callable<R> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        jdbcThreads.shutdown();
    }

    /** Runs a write transaction that returns nothing. */
    void writeVoid(java.util.function.Consumer<Handle> work) {
        write(handle -> {
            work.accept(handle);
            return null;
        });
    }
}
