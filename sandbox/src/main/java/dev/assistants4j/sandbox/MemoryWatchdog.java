package dev.assistants4j.sandbox;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session caps where no cgroup can be used (a server that is not root and has no delegated cgroup): one platform
 * thread sums, every {@value #PERIOD_MILLIS} ms, the memory of each sandbox's processes (their proportional set
 * size, from {@code /proc}), and past the cap kills the largest of them, as the kernel's out-of-memory killer does in a
 * cgroup. Weaker than a cgroup: memory can overshoot the cap by what the code allocates between two looks, the files
 * in the tmpfs directories are not counted (each has its own size cap), and processes and CPU are capped only by the
 * driver's rlimits. Thread-safe.
 */
final class MemoryWatchdog implements SessionLimits {

    static final long PERIOD_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(MemoryWatchdog.class);

    private final Caps caps;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    MemoryWatchdog(Caps caps) {
        this.caps = caps;
        // A platform thread: it reads /proc, and must look on time whatever the virtual threads do.
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("a4j-sandbox-memory").daemon().factory());
        timer.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Group open() {
        return new Watched();
    }

    private void check() {
        for (Watched group : watched) {
            try {
                group.check();
            } catch (RuntimeException e) {
                log.debug("memory watchdog: {}", e.toString());
            }
        }
    }

    @Override
    public String describe() {
        return "memory watchdog (no cgroup): " + (caps.memoryBytes() >> 20) + " MiB per session, checked every "
                + PERIOD_MILLIS + " ms";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One sandbox's processes: the first one and its descendants. */
    private final class Watched implements Group {

        private volatile ProcessHandle root;
        private volatile long peak;

        @Override
        public List<Path> joinFiles() {
            return List.of();
        }

        @Override
        public void started(ProcessHandle process) {
            root = process;
            watched.add(this);
        }

        void check() {
            ProcessHandle first = root;
            if (first == null || !first.isAlive()) return;
            record Usage(ProcessHandle process, long bytes) {}
            List<Usage> usages = Stream.concat(Stream.of(first), first.descendants())
                    .map(p -> new Usage(p, ProcessMemory.bytes(p.pid())))
                    .toList();
            long total = usages.stream().mapToLong(Usage::bytes).sum();
            peak = Math.max(peak, total);
            if (total <= caps.memoryBytes()) return;
            Optional<Usage> largest = usages.stream().max(Comparator.comparingLong(Usage::bytes));
            largest.ifPresent(u -> {
                log.info(
                        "code_interpreter session over its memory cap ({} MiB of {} MiB): killing its largest"
                                + " process ({} MiB)",
                        total >> 20,
                        caps.memoryBytes() >> 20,
                        u.bytes() >> 20);
                u.process().destroyForcibly();
            });
        }

        @Override
        public OptionalLong peakMemoryBytes() {
            return OptionalLong.of(peak);
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
