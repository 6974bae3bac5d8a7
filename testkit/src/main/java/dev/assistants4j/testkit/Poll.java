package dev.assistants4j.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting in tests for something the code under test does on its own: reads again every {@link #INTERVAL} until a
 * condition holds or a deadline passes, never a fixed sleep. The caller asserts on what it returns.
 */
public final class Poll {

    /** The time between two reads. */
    public static final Duration INTERVAL = Duration.ofMillis(20);

    private Poll() {}

    /** Reads {@code read} until {@code done} holds for the value or {@code timeout} passes; returns the last value. */
    public static <T> T until(Duration timeout, Supplier<T> read, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            pause();
            value = read.get();
        }
        return value;
    }

    /** Whether {@code condition} held before {@code timeout} passed, checked every {@link #INTERVAL}. */
    public static boolean holds(Duration timeout, BooleanSupplier condition) {
        return until(timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Sleeps for {@link #INTERVAL}: the time between two reads, not a synchronisation. */
    public static void pause() {
        try {
            Thread.sleep(INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
