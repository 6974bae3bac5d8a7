package dev.assistants4j.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * A JDBI handle factory that hands write transactions to one group-committing writer when the database allows one
 * writer (SQLite), and runs reads concurrently on the caller's thread.
 *
 * <p>Reads stay on the caller's thread even when it is virtual: a SQLite read in WAL mode is a few tens of
 * microseconds of CPU on pages the OS already caches, so handing it to another thread and back cost more than it
 * pinned (measured: 0.4 → 0.2 ms per read on the run path, see bench/RESULTS.md). What blocks for long in native code
 * is the commit's fsync, and that happens on the writer's own platform thread. Thread-safe.
 */
final class Database implements AutoCloseable {

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;

    Database(Jdbi jdbi, boolean singleWriter) {
        this.jdbi = jdbi;
        this.writer = singleWriter ? new GroupCommitWriter(jdbi) : null;
    }

    /** Runs {@code callback} in a read transaction. */
    <R> R read(HandleCallback<R, RuntimeException> callback) {
        return jdbi.withHandle(callback);
    }

    /**
     * Runs {@code callback} in a write transaction; it is committed (and durable) when this returns. With a single
     * writer, concurrent writes share one commit (see {@link GroupCommitWriter}).
     */
    <R> R write(HandleCallback<R, RuntimeException> callback) {
        if (writer != null) {
            return writer.write(callback);
        }
        return jdbi.inTransaction(callback);
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    /** Runs a write transaction that returns nothing. */
    void writeVoid(java.util.function.Consumer<Handle> work) {
        write(handle -> {
            work.accept(handle);
            return null;
        });
    }
}
