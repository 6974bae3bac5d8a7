package dev.assistants4j.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file off the write path. The store's connections run with
 * {@code wal_autocheckpoint=0}, so a commit never checkpoints (SQLite's default made every thousandth page's commit,
 * and every write queued behind it, wait for the copy and its fsyncs). Instead this thread, on a connection of its
 * own, runs a PASSIVE checkpoint every {@code interval} while commits happen and once after they stop: PASSIVE takes
 * no lock a writer or a reader waits for. When readers keep it from reaching the log's end and the log has grown past
 * {@code truncateFrames}, a TRUNCATE checkpoint bounds it: that one makes writers wait (for at most the busy timeout
 * of its connection) until the readers are done, copies the rest and empties the log file.
 *
 * <p>Durability is unchanged: a committed write is in the log, synced, whether or not it was checkpointed. Thread-safe;
 * one platform thread.
 */
final class WalCheckpointer implements AutoCloseable {

    /** How often and when to checkpoint. */
    record Settings(Duration interval, long truncateFrames, Duration busyTimeout) {

        /** Every 200 ms while writing; TRUNCATE past 16,384 frames (64 MiB of 4 KiB pages), waiting at most 1 s. */
        static final Settings DEFAULTS = new Settings(Duration.ofMillis(200), 16_384, Duration.ofSeconds(1));
    }

    /** What one checkpoint found: whether it met a lock, the frames in the log and those copied into the database. */
    record Result(boolean busy, long logFrames, long checkpointedFrames) {}

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource source;
    private final LongSupplier commits;
    private final BooleanSupplier failing;
    private final Settings settings;
    private final ScheduledExecutorService thread;
    /** The connection checkpoints run on; opened on first use, only by the checkpoint thread. */
    private Connection connection;

    private long commitsCheckpointed;
    private volatile Result last = new Result(false, 0, 0);
    private volatile long checkpoints;

    /**
     * @param source where to open the checkpoint connection (unpooled: it is held for the store's life)
     * @param commits how many commits the store's writer has made so far
     * @param failing whether the store's writes fail for the database's sake (a full disk): then no checkpoint runs,
     *     as none ran in a failing commit before; one that completed would let the next write start the log over in
     *     the space it already has, so that writes and readiness's probe would succeed and fail by turns on a full disk
     */
    WalCheckpointer(DataSource source, LongSupplier commits, BooleanSupplier failing, Settings settings) {
        this.source = source;
        this.commits = commits;
        this.failing = failing;
        this.settings = settings;
        this.commitsCheckpointed = commits.getAsLong();
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("sqlite-checkpointer").factory());
        long interval = settings.interval().toNanos();
        thread.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** The last checkpoint's result (for tests and diagnostics). */
    Result last() {
        return last;
    }

    /** How many checkpoints ran so far. */
    long checkpoints() {
        return checkpoints;
    }

    private void tick() {
        long seen = commits.getAsLong();
        if (seen == commitsCheckpointed || failing.getAsBoolean()) {
            return;
        }
        try {
            Result result = checkpoint("PASSIVE");
            if (result.checkpointedFrames() < result.logFrames() && result.logFrames() >= settings.truncateFrames()) {
                LOG.debug("The WAL holds {} frames readers keep from the database: truncating it", result.logFrames());
                result = checkpoint("TRUNCATE");
            }
            if (!result.busy() && result.checkpointedFrames() >= result.logFrames()) {
                commitsCheckpointed = seen;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("A WAL checkpoint failed; the next one retries", e);
            closeConnection();
        }
    }

    private Result checkpoint(String mode) throws SQLException {
        try (Statement statement = connection().createStatement();
                ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            row.next();
            Result result = new Result(row.getInt(1) != 0, row.getLong(2), row.getLong(3));
            last = result;
            checkpoints++;
            return result;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = source.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "PRAGMA busy_timeout = " + settings.busyTimeout().toMillis());
            }
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the checkpoint connection failed", e);
            }
            connection = null;
        }
    }

    /** Stops checkpointing; closing the store's last connection checkpoints what is left. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The WAL checkpoint thread did not stop within 10 s; its connection is left open");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        closeConnection(); // the thread has ended: its connection is this thread's now
    }
}
