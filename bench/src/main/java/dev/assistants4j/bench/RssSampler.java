package dev.assistants4j.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a process's resident set every 200 ms on a thread of its own and keeps the largest. Thread-safe: {@link
 * #stop} joins the sampling thread.
 */
final class RssSampler {

    private static final long PERIOD_MILLIS = 200;

    private final AtomicLong max = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private RssSampler(long pid) {
        this.thread = Thread.ofVirtual().unstarted(() -> sample(pid));
    }

    static RssSampler start(long pid) {
        RssSampler sampler = new RssSampler(pid);
        sampler.thread.start();
        return sampler;
    }

    private void sample(long pid) {
        while (!stopped) {
            max.accumulateAndGet(ProcStats.rssKib(pid), Math::max);
            try {
                Thread.sleep(PERIOD_MILLIS); // the sampling period, not synchronisation
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling; returns the largest resident set seen, KiB. */
    long stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        return Math.max(max.get(), 0);
    }
}
