package dev.assistants4j.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events of one run in order, kept in memory while the run is followed, so a subscriber can start at any
 * position and block for the next event. Thread-safe.
 */
public final class RunEventLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<RunEvent> events = new ArrayList<>();

    void append(RunEvent event) {
        lock.lock();
        try {
            events.add(event);
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The number of events so far: a subscription starting here sees only later events. */
    public int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    /** A reader from {@code position} (0 for the whole run). */
    public Subscription subscribe(int position) {
        return new Subscription(position);
    }

    /** Reads the log in order; one per consumer. Not thread-safe. */
    public final class Subscription {

        private int position;

        private Subscription(int position) {
            this.position = position;
        }

        /** The next event, waiting at most {@code timeout}; empty on timeout. */
        public Optional<RunEvent> next(Duration timeout) throws InterruptedException {
            long remaining = timeout.toNanos();
            lock.lock();
            try {
                while (position >= events.size()) {
                    if (remaining <= 0) {
                        return Optional.empty();
                    }
                    remaining = appended.awaitNanos(remaining);
                }
                return Optional.of(events.get(position++));
            } finally {
                lock.unlock();
            }
        }

        /** Waits without a limit for the next event. */
        public RunEvent next() throws InterruptedException {
            lock.lock();
            try {
                while (position >= events.size()) {
                    appended.await(1, TimeUnit.MINUTES);
                }
                return events.get(position++);
            } finally {
                lock.unlock();
            }
        }
    }
}
