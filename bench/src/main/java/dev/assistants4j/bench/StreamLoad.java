package dev.assistants4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One level of the concurrent-stream load: {@code n} streamed requests admitted at {@code rate} per second, each on
 * its own virtual thread over its own socket ({@link SseStream}), all read to their end. Thread-safe: each stream is
 * touched by its own thread until {@link #run} has joined them all.
 *
 * @param address where the requests go
 * @param path e.g. {@code /v1/threads/runs}
 * @param json each request's body
 * @param server whether the target is the assistants server (see {@link SseStream})
 * @param doneLine the line that marks a complete stream
 */
record StreamLoad(InetSocketAddress address, String path, String json, boolean server, String doneLine) {

    /** What one level saw. */
    record Outcome(
            int admitted,
            int completed,
            int failed,
            int silent,
            long maxGapNanos,
            long deltas,
            long firstEventP50Nanos,
            long firstEventMaxNanos,
            int peakActive,
            long wallNanos,
            String firstError) {}

    /** Runs {@code n} streams admitted at {@code rate} per second and waits for all of them. */
    Outcome run(int n, int rate) throws InterruptedException {
        List<SseStream> streams = new ArrayList<>(n);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the admission schedule: the load's shape, not synchronisation
                }
                SseStream stream = new SseStream(server, doneLine);
                streams.add(stream);
                threads.execute(() -> {
                    peak.accumulateAndGet(active.incrementAndGet(), Math::max);
                    try {
                        stream.run(address, path, json);
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    } finally {
                        active.decrementAndGet();
                    }
                });
            }
        }
        return outcome(streams, failed.get(), peak.get(), System.nanoTime() - start, firstError.get());
    }

    private static Outcome outcome(List<SseStream> streams, int failed, int peak, long wall, String error) {
        int completed = 0;
        int silent = 0;
        long maxGap = 0;
        long deltas = 0;
        long[] firsts = streams.stream()
                .mapToLong(s -> s.firstEventNanos)
                .filter(f -> f >= 0)
                .sorted()
                .toArray();
        for (SseStream stream : streams) {
            completed += stream.done ? 1 : 0;
            silent += stream.longGaps > 0 ? 1 : 0;
            maxGap = Math.max(maxGap, stream.maxGap);
            deltas += stream.deltas;
        }
        long p50 = firsts.length == 0 ? 0 : firsts[firsts.length / 2];
        long max = firsts.length == 0 ? 0 : firsts[firsts.length - 1];
        return new Outcome(streams.size(), completed, failed, silent, maxGap, deltas, p50, max, peak, wall, error);
    }
}
