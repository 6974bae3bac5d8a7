package dev.assistants4j.store;

import dev.assistants4j.core.error.ServiceUnavailableException;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDBI handle factory that hands write transactions to one group-committing writer when the database allows one
 * writer (SQLite), runs them on the caller's thread otherwise (PostgreSQL), and runs reads concurrently on the
 * caller's thread.
 *
 * <p>Reads stay on the caller's thread even when it is virtual: a SQLite read in WAL mode is a few tens of
 * microseconds of CPU on pages the OS already caches, so handing it to another thread and back cost more than it
 * pinned (measured: 0.4 → 0.2 ms per read on the run path, see bench/RESULTS.md). What blocks for long in native code
 * is the commit's fsync, and that happens on the writer's own platform thread.
 *
 * <p>A statement the database cannot take now (a full disk, an I/O error, a lost connection, a busy lock) fails with a
 * 503 {@link ServiceUnavailableException}, its transaction rolled back. All but a busy lock also mark the database
 * unwritable until a write succeeds again. While it is marked and its disk has no {@link DiskRoom room}, writes are
 * refused without being tried: on a full disk SQLite can still fit a small write into the space its log already
 * holds, so writes would succeed and fail by turns, by their size (a run's small updates stored, its end refused).
 * {@link #writable()} probes with a one-row write, at most once a second. Thread-safe.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final StoreFailures failures;
    private final GroupCommitWriter writer;
    private final DiskRoom room;
    /** Why the last write failed for the database's sake; null while writes succeed. */
    private volatile String unwritable;

    private volatile long lastProbeNanos = System.nanoTime() - PROBE_INTERVAL.toNanos();

    Database(Jdbi jdbi, Dialect dialect) {
        this(jdbi, dialect, DiskRoom.UNWATCHED);
    }

    Database(Jdbi jdbi, Dialect dialect, DiskRoom room) {
        this.room = room;
        this.jdbi = jdbi.define("for_update", dialect.forUpdate()).define("for_share", dialect.forShare());
        this.failures = dialect.failures();
        this.writer = dialect.singleWriter() ? new GroupCommitWriter(this.jdbi) : null;
    }

    /**
     * Runs {@code callback} on a handle of its own, outside any transaction.
     *
     * @throws ServiceUnavailableException when the database cannot be read now
     */
    <R> R read(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (RuntimeException e) {
            throw classified(e);
        }
    }

    /**
     * Runs {@code callback} in a write transaction; it is committed (and durable) when this returns. With a single
     * writer, concurrent writes share one commit (see {@link GroupCommitWriter}).
     *
     * @throws ServiceUnavailableException when the database cannot take the write now (nothing of it is stored)
     */
    <R> R write(HandleCallback<R, RuntimeException> callback) {
        String down = unwritable;
        if (down != null && !room.enough()) {
            throw unavailable(down, null);
        }
        R result;
        try {
            result = writer != null ? writer.write(callback) : jdbi.inTransaction(callback);
        } catch (RuntimeException e) {
            throw classified(e);
        }
        if (unwritable != null && room.enough()) {
            LOG.info("The database accepts writes again");
            unwritable = null;
        }
        return result;
    }

    private RuntimeException classified(RuntimeException failure) {
        Optional<String> down = failures.storeDown(failure);
        if (down.isPresent()) {
            if (unwritable == null) {
                LOG.warn(
                        "The database cannot be used ({}): requests that need it answer 503 until it can",
                        down.get(),
                        failure);
            }
            unwritable = down.get();
            return unavailable(down.get(), failure);
        }
        if (failures.busy(failure)) {
            return new ServiceUnavailableException(
                    "The server's database is busy; nothing was changed. Retry later.", "store_busy", failure);
        }
        return failure;
    }

    private static ServiceUnavailableException unavailable(String reason, RuntimeException cause) {
        return new ServiceUnavailableException(
                "The server cannot use its database right now (" + reason + "); nothing was changed. Retry later.",
                "store_unavailable",
                cause);
    }

    /**
     * Whether the database takes writes: true while the last write succeeded; after a write failed for the database's
     * sake, what a one-row probe write finds once the disk has room again (at most one probe a second; in between, the
     * last answer).
     */
    boolean writable() {
        if (unwritable == null) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastProbeNanos < PROBE_INTERVAL.toNanos()) {
            return false;
        }
        lastProbeNanos = now;
        try {
            write(handle -> handle.execute(
                    "UPDATE store_probe SET probed_at = ? WHERE id = 1", System.currentTimeMillis() / 1000));
            return unwritable == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Why the database cannot be written, while it cannot. */
    Optional<String> unwritableReason() {
        return Optional.ofNullable(unwritable);
    }

    /** How many commits the single writer made; 0 without one (PostgreSQL). */
    long commits() {
        return writer != null ? writer.commits() : 0;
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
