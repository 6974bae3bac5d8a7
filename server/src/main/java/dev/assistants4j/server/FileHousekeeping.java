package dev.assistants4j.server;

import dev.assistants4j.core.service.FileService;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files in order on a background thread, never delaying start-up: first removes content a previous process
 * left without its file (content stored before this one started, so no upload in progress is touched), then deletes
 * expired files every minute, as OpenAI deleted files whose {@code expires_after} passed. When the content is shared
 * by several nodes (PostgreSQL), only content stored more than {@link #SHARED_ORPHAN_AGE} before this start counts as
 * left behind: another node may be between storing an upload's content and its row. Deleting an expired file twice
 * (two nodes at once) deletes it once. Thread-safe.
 */
final class FileHousekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileHousekeeping.class);
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final Duration SHARED_ORPHAN_AGE = Duration.ofHours(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("file-housekeeping").factory());

    private FileHousekeeping() {}

    static FileHousekeeping start(FileService files, boolean sharedContent) {
        Instant started = sharedContent ? Instant.now().minus(SHARED_ORPHAN_AGE) : Instant.now();
        FileHousekeeping housekeeping = new FileHousekeeping();
        housekeeping.timer.execute(() -> removeOrphans(files, started));
        housekeeping.timer.scheduleWithFixedDelay(
                () -> deleteExpired(files), 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return housekeeping;
    }

    private static void removeOrphans(FileService files, Instant started) {
        try {
            files.deleteOrphanContent(started);
        } catch (RuntimeException e) {
            LOG.error("Removing file content that no file refers to failed; it stays until the next start", e);
        }
    }

    private static void deleteExpired(FileService files) {
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
