package dev.assistants4j.store;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * A JDBI handle factory that serialises write transactions when the database allows one writer (SQLite), and
 * runs reads concurrently. Thread-safe.
 */
final class Database {

    private final Jdbi jdbi;
    private final ReentrantLock writeLock;

    Database(Jdbi jdbi, boolean singleWriter) {
        this.jdbi = jdbi;
        this.writeLock = singleWriter ? new ReentrantLock() : null;
    }

    /** Runs {@code callback} in a read transaction. */
    <R> R read(HandleCallback<R, RuntimeException> callback) {
        return jdbi.withHandle(callback);
    }

    /** Runs {@code callback} in a write transaction; it is committed (and durable) when this returns. */
    <R> R write(HandleCallback<R, RuntimeException> callback) {
        if (writeLock == null) {
            return jdbi.inTransaction(callback);
        }
        writeLock.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            writeLock.unlock();
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
