package dev.assistants4j.sandbox;

import dev.assistants4j.core.code.SessionKey;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session: its data directory, its driver (replaced after a crash), the files a replaced driver left and the lock
 * serialising its executions.
 */
final class Session {

    final SessionKey key;
    final Path dataDir;
    final ReentrantLock lock = new ReentrantLock();
    /** Written under {@link #lock}; read without it only to kill the process on shutdown. */
    volatile Driver driver;
    /** Guarded by {@link #lock}. */
    boolean closed;
    /**
     * Guarded by {@link #lock}: the {@code /mnt/data} of a killed or crashed interpreter, kept until its files are
     * copied into the next one's (or the session closes).
     */
    SandboxData leftover;

    volatile long lastUsedNanos = System.nanoTime();

    Session(SessionKey key, Path dataDir, Driver driver) {
        this.key = key;
        this.dataDir = dataDir;
        this.driver = driver;
    }

    boolean idleSince(long nanos) {
        return !lock.isLocked() && lastUsedNanos - nanos < 0;
    }
}
