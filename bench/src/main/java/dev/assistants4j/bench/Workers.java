package dev.assistants4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** A closed loop of workers over numbered jobs, as the crash and chaos benches drive their conversations. Stateless. */
final class Workers {

    /** One job, given its number. */
    interface Job {
        void run(int index) throws Exception;
    }

    private Workers() {}

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
