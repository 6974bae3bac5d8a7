package dev.assistants4j.client;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * How the client polls an object until it is done: the first wait, doubled after each poll up to {@code max}.
 * Immutable.
 */
record Backoff(Duration first, Duration max) {

    /** 100 ms, growing to 1 s. */
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    /**
     * Refreshes {@code current} until it is {@code done}, waiting between polls.
     *
     * @throws CancellationException when the thread is interrupted while waiting (its interrupt flag stays set)
     */
    <T> T until(T current, Predicate<T> done, UnaryOperator<T> refresh) {
        T value = current;
        Duration wait = first;
        while (!done.test(value)) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                CancellationException cancelled = new CancellationException("interrupted while polling");
                cancelled.initCause(e);
                throw cancelled;
            }
            value = refresh.apply(value);
            wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
        }
        return value;
    }
}
