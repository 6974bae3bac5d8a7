package dev.assistants4j.providers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fires when a response body has been silent for too long. The JDK HTTP client has no read timeout for a streamed body,
 * so one shared daemon thread checks each watched stream a few times per timeout and runs its action (closing the body,
 * which wakes the blocked reader) once the stream has been idle for the whole timeout. Thread-safe.
 */
final class IdleTimer {

    private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private final ScheduledFuture<?> check;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean fired;

    private IdleTimer(Duration timeout, Runnable onTimeout) {
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
        this.check = SCHEDULER.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /** Starts watching; {@code onTimeout} runs at most once, on the timer thread. */
    static IdleTimer start(Duration timeout, Runnable onTimeout) {
        return new IdleTimer(timeout, onTimeout);
    }

    /** The stream, counting every successful read as activity. */
    InputStream watch(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int value = super.read();
                touch();
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = super.read(buffer, offset, length);
                touch();
                return count;
            }
        };
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    /** True once the timeout has fired. */
    boolean fired() {
        return fired;
    }

    /** Stops watching. */
    void cancel() {
        check.cancel(false);
    }

    private void check() {
        if (!fired && System.nanoTime() - lastActivity >= timeoutNanos) {
            fired = true;
            check.cancel(false);
            onTimeout.run();
        }
    }

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "assistants4j-provider-idle-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
