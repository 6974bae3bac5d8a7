package dev.assistants4j.store;

import java.util.Optional;
import org.sqlite.SQLiteException;

/**
 * Which SQLite write failures mean that the database cannot be written at the moment (a full disk, an I/O error, a file
 * made read-only), as opposed to a failure of the write itself (a constraint, a bug): the first kind is worth
 * retrying later, and makes the server not ready until a write succeeds again.
 */
final class SqliteFailures implements StoreFailures {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;

    @Override
    public Optional<String> storeDown(Throwable failure) {
        return primaryCode(failure).flatMap(code -> switch (code) {
            case SQLITE_FULL -> Optional.of("the disk is full");
            case SQLITE_IOERR -> Optional.of("a disk I/O error");
            case SQLITE_READONLY -> Optional.of("the database file is read-only");
            case SQLITE_CANTOPEN -> Optional.of("the database file cannot be opened");
            default -> Optional.empty();
        });
    }

    /** True when the write met another writer's lock for longer than the busy timeout: retrying later helps. */
    @Override
    public boolean busy(Throwable failure) {
        return primaryCode(failure)
                .map(code -> code == SQLITE_BUSY || code == SQLITE_LOCKED)
                .orElse(false);
    }

    private static Optional<Integer> primaryCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                return Optional.of(sqlite.getResultCode().code & 0xff);
            }
        }
        return Optional.empty();
    }
}
