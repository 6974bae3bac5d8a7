package dev.assistants4j.server;

import dev.assistants4j.core.service.FileService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files in order in the background: deletes expired files every minute (as OpenAI deleted files whose
 * {@code expires_after} passed), and, once at start-up, content that no file refers to. Thread-safe.
 */
final class FileHousekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileHousekeeping.class);
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("file-housekeeping").factory());

    private FileHousekeeping() {}

    /** Removes orphan content now (call it before requests are served: no upload may be in progress), then sweeps. */
    static FileHousekeeping start(FileService files) {
        try {
            files.deleteOrphanContent();
        } catch (RuntimeException e) {
            LOG.error("Removing file content that no file refers to failed; it stays until the next start", e);
        }
        FileHousekeeping housekeeping = new FileHousekeeping();
        housekeeping.timer.scheduleWithFixedDelay(() -> sweep(files), 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return housekeeping;
    }

    private static void sweep(FileService files) {
        try {
            int deleted = files.deleteExpired();
            if (deleted > 0) {
                LOG.info("Deleted {} expired file(s)", deleted);
            }
        } catch (RuntimeException e) {
            LOG.error("Deleting expired files failed; trying again in {}", INTERVAL, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
