package dev.assistants4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the disk a store writes to has room for more than the smallest write. {@link Database} asks it only after a
 * write failed for the database's sake: on a disk that filled up, SQLite can still fit a one-page write into the space
 * its write-ahead log already holds (the log starts over at its beginning after a checkpoint), so a write that
 * succeeds there proves nothing, while the next larger one fails again. Thread-safe.
 */
@FunctionalInterface
interface DiskRoom {

    /** Below this much usable space a disk that already refused a write is taken as still full: 1 MiB. */
    long MINIMUM_BYTES = 1L << 20;

    /** A database whose disk is not ours to watch (PostgreSQL's server has its own). */
    DiskRoom UNWATCHED = () -> true;

    boolean enough();

    /** The room left on the file system that holds {@code dir}; if it cannot be read, taken as enough. */
    static DiskRoom of(Path dir) {
        return () -> {
            try {
                return Files.getFileStore(dir).getUsableSpace() >= MINIMUM_BYTES;
            } catch (IOException e) {
                return true;
            }
        };
    }
}
