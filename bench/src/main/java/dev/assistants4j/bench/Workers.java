package dev.assistants4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Closed loops of virtual-thread workers, as the benches drive them: over numbered jobs ({@link #share}), or warm-up
 * rounds then measured rounds started together ({@link #timed}). Stateless.
 */
final class Workers {

    /** One job, given its number. */
    interface Job {
        void run(int index) throws Exception;
    }

    /** One worker's rounds. */
    interface Worker {
        /** Round {@code turn} ({@code 0, 1, …} in each phase), timed when {@code measured}. */
        void round(int turn, boolean measured) throws Exception;
    }

    /** Makes worker {@code index}, in its own thread (so it may open its own connections). */
    interface WorkerFactory {
        Worker start(int index) throws Exception;
    }

    private Workers() {}

    /**
     * Runs {@code concurrency} workers: each first makes {@code unmeasured} rounds (opening its connections and the
     * server's), then, once all are ready, {@code measured} rounds. Returns the seconds from the start of the measured
     * rounds until all have ended, or throws the first failure.
     */
    static double timed(int concurrency, int unmeasured, int measured, WorkerFactory workers)
            throws InterruptedException, ExecutionException {
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        long started;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                int index = w;
                running.add(threads.submit(() -> {
                    Worker worker;
                    try {
                        worker = workers.start(index);
                        for (int i = 0; i < unmeasured; i++) {
                            worker.round(i, false);
                        }
                    } finally {
                        ready.countDown(); // a worker that failed must not keep the others waiting: get() throws
                    }
                    go.await();
                    for (int i = 0; i < measured; i++) {
                        worker.round(i, true);
                    }
                    return null;
                }));
            }
            ready.await();
            started = System.nanoTime();
            go.countDown();
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * {@code workers} virtual threads take the jobs {@code 0 .. jobs - 1} in turn until none is left; after each job
     * {@code finished} is told how many have finished. Returns when all have, or throws the first failure.
     */
    static void share(int workers, int jobs, Job job, IntConsumer finished)
            throws InterruptedException, ExecutionException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                running.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
                        job.run(i);
                        finished.accept(done.incrementAndGet());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
    }
}
