package dev.assistants4j.testkit;

import java.time.Duration;

/** Waits out a scripted reply's delays: between tokens, not before the first one. Not thread-safe: one per reply. */
final class Pacer {

    private final Duration delay;
    private boolean first = true;

    Pacer(Duration delay) {
        this.delay = delay;
    }

    void beforeToken() throws InterruptedException {
        if (!first) {
            pause(delay);
        }
        first = false;
    }

    /** Sleeps for a scripted delay (the fake's timing, not synchronisation); nothing for zero. */
    static void pause(Duration delay) throws InterruptedException {
        if (delay.isPositive()) {
            Thread.sleep(delay);
        }
    }
}
