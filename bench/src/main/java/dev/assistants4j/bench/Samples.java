package dev.assistants4j.bench;

import java.util.concurrent.ConcurrentLinkedQueue;

/** Latency samples in nanoseconds, collected from many threads; percentiles by nearest rank. Thread-safe. */
final class Samples {

    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    void add(long value) {
        nanos.add(value);
    }

    /** Passes each sample, in nanoseconds, to {@code action}. */
    void forEach(java.util.function.LongConsumer action) {
        nanos.forEach(action::accept);
    }

    int count() {
        return nanos.size();
    }

    /** The {@code percent}th percentile in milliseconds (nearest rank: the smallest sample at or above it). */
    double percentileMillis(double percent) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1_000_000.0;
    }

    /** A Markdown table row: {@code name}, the count, then p50, p95 and the maximum in milliseconds. */
    String row(String name) {
        return String.format(
                java.util.Locale.ROOT,
                "| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n",
                name,
                count(),
                percentileMillis(50),
                percentileMillis(95),
                percentileMillis(100));
    }
}
