package dev.assistants4j.server.routing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the router knows of one deployment: its calls in flight (least-busy), a moving average of its time to the
 * first answer event (latency-based routing), and its recent failures, which put it aside for the cooldown time once
 * they exceed the allowed fails within a minute. Thread-safe.
 */
final class DeploymentHealth {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();
    /** The weight of the newest latency in the moving average. */
    private static final double ALPHA = 0.3;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Deque<Long> failures = new ArrayDeque<>();
    private long coolingUntil;
    private boolean cooling;
    private double latencyNanos = -1;

    int inFlight() {
        return inFlight.get();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    /** The average time to the first event, or 0 before the first call, so that new deployments get tried. */
    synchronized double latencyNanos() {
        return Math.max(0, latencyNanos);
    }

    synchronized void answered(long nanos) {
        latencyNanos = latencyNanos < 0 ? nanos : ALPHA * nanos + (1 - ALPHA) * latencyNanos;
    }

    /** Whether it takes calls at {@code now} ({@link System#nanoTime()}): not cooling down. */
    synchronized boolean available(long now) {
        if (cooling && now - coolingUntil >= 0) {
            cooling = false;
        }
        return !cooling;
    }

    /**
     * Counts a failure at {@code now}; returns true when it puts the deployment aside: more than {@code allowedFails}
     * within the last minute.
     */
    synchronized boolean failed(long now, int allowedFails, Duration cooldown) {
        failures.addLast(now);
        while (!failures.isEmpty() && now - failures.peekFirst() > WINDOW_NANOS) {
            failures.removeFirst();
        }
        if (failures.size() <= allowedFails || cooldown.isZero()) {
            return false;
        }
        failures.clear();
        cooling = true;
        coolingUntil = now + cooldown.toNanos();
        return true;
    }
}
