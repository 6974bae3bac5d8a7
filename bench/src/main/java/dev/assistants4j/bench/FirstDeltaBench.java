package dev.assistants4j.bench;

import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Added time to the first {@code thread.message.delta} of a streaming run, against the same zero-delay upstream
 * called directly, at several concurrency levels.
 *
 * <p>One JVM holds the fake upstream, the server (on a temporary SQLite data dir, every model routed to the upstream)
 * and the clients. Each worker repeats, with its own HTTP/1.1 client: create a thread with one message (not timed),
 * then (a) a streamed chat completion sent straight to the upstream, timed from send to its first content delta, (b)
 * the same through the server's {@code /v1/chat/completions} relay, and (c) a streamed run on the thread, timed from
 * send to its first {@code thread.message.delta} line; their order rotates so that all see the same noise. Each stream
 * is read to its end. The added latency at a percentile is c's minus a's; b's minus a's is what any hop through this
 * server costs on the machine, store and engine aside.
 *
 * <p>The warm-up is long on purpose: most of a run's code runs once per run, and HotSpot compiles a method with C2
 * only after some ten thousand calls, so after a few hundred runs much of it still runs in the interpreter or in C1
 * code while C2 compiles in the background (measured: 24-34% of the CPU of the measured phase was the JIT after 200
 * or 3,000 runs at concurrency 1). A server in service has long passed that point.
 *
 * <p>Options (all optional): {@code --warmup N} (runs before measuring, by {@code --warmup-workers W} workers at
 * once; default 4000 by 8), {@code
 * --iterations N} (measured runs at concurrency 1, default 1000), {@code --concurrent-iterations N} (runs per worker at
 * higher concurrency, default 30), {@code --concurrency 1,64} (levels), {@code --data-dir DIR} (parent of the temporary
 * data dir; default the system temp dir). Prints a Markdown report to standard output.
 */
public final class FirstDeltaBench {

    static final double TARGET_P50_MS = 3.0;
    static final double TARGET_P99_MS = 15.0;
    private static final String MODEL = "bench-model";
    /** Pairs each worker makes before a level is measured, so that no measured request opens a connection. */
    private static final int UNMEASURED_PER_WORKER = 2;

    private static final String[] DELTAS = {"Hello", " world", ",", " how", " are", " you", " today", "?"};

    private FirstDeltaBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // The JDK HTTP server behind FakeUpstream leaves Nagle's algorithm on unless told otherwise, which holds back
        // its second small SSE frame (the first delta) until the client's delayed ACK: up to 40 ms of mock noise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Path dataDir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-bench-");
        try (FakeUpstream upstream = FakeUpstream.start().defaultReply(Reply.text(DELTAS));
                AssistantsServer server = startServer(dataDir, upstream)) {
            BenchClient setup = new BenchClient(server.baseUrl(), upstream.baseUrl());
            String assistantId = setup.createAssistant(MODEL);
            Target target = new Target(server, upstream, assistantId);
            List<Result> results = new ArrayList<>();
            progress("warm-up: %d runs by %d workers", options.warmup(), options.warmupWorkers());
            measure(target, options.warmupWorkers(), ceilDiv(options.warmup(), options.warmupWorkers()), 0);
            for (int concurrency : options.concurrency()) {
                int perWorker = concurrency == 1 ? options.iterations() : options.concurrentIterations();
                progress("measuring: concurrency %d, %d runs per worker", concurrency, perWorker);
                results.add(measure(target, concurrency, UNMEASURED_PER_WORKER, perWorker));
            }
            System.out.print(report(options, dataDir, results));
        } finally {
            BenchFiles.deleteRecursively(dataDir);
        }
    }

    private static AssistantsServer startServer(Path dataDir, FakeUpstream upstream) {
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
        ServerConfig config = new ServerConfig(List.of(route), Optional.empty(), Optional.empty());
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(config)
                .start();
    }

    /**
     * Runs {@code concurrency} workers: each first makes {@code unmeasured} rounds (opening its connections and the
     * server's connections to the upstream), then, once all are ready, {@code measured} rounds.
     */
    private static Result measure(Target target, int concurrency, int unmeasured, int measured)
            throws InterruptedException, ExecutionException {
        Result.Timings timings = new Result.Timings(new Samples(), new Samples(), new Samples());
        Result.Timings ignored = new Result.Timings(new Samples(), new Samples(), new Samples());
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        long started;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(threads.submit(() -> {
                    BenchClient client = new BenchClient(
                            target.server().baseUrl(), target.upstream().baseUrl());
                    for (int i = 0; i < unmeasured; i++) {
                        round(client, target.assistantId(), i + worker, ignored);
                    }
                    ready.countDown();
                    go.await();
                    for (int i = 0; i < measured; i++) {
                        round(client, target.assistantId(), i + worker, timings);
                    }
                    return null;
                }));
            }
            ready.await();
            started = System.nanoTime();
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(concurrency, timings, seconds);
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /**
     * A new thread (not timed), then a direct call, a call through the server's chat completions relay and a run, in
     * an order that rotates with {@code turn}.
     */
    private static void round(BenchClient client, String assistantId, int turn, Result.Timings timings)
            throws IOException, InterruptedException {
        String threadId = client.createThread();
        for (int k = 0; k < 3; k++) {
            switch ((turn + k) % 3) {
                case 0 -> timings.direct().add(client.directFirstDelta(MODEL));
                case 1 -> timings.relay().add(client.relayFirstDelta(MODEL));
                default -> timings.run().add(client.serverFirstDelta(threadId, assistantId));
            }
        }
    }

    private static String report(Options options, Path dataDir, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Upstream reply: %d text deltas, no delay. Warm-up: %d runs by %d workers at once, then %d unmeasured per"
                        + " worker before each level. Data dir: %s (%s).%n%n",
                DELTAS.length,
                options.warmup(),
                options.warmupWorkers(),
                UNMEASURED_PER_WORKER,
                dataDir,
                BenchFiles.fileSystem(dataDir)));
        out.append(
                "| concurrency | runs | direct p50 / p90 / p99 | via the relay p50 / p99 | via a run p50 / p90 / p99 "
                        + "| **added p50** | **added p99** | relay added p50 / p99 | wall time |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Result.Timings t = r.timings();
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.2f / %.2f / %.2f ms | %.2f / %.2f ms | %.2f / %.2f / %.2f ms | **%.2f ms** | **%.2f ms** "
                            + "| %.2f / %.2f ms | %.1f s |%n",
                    r.concurrency(),
                    t.run().count(),
                    t.direct().percentileMillis(50),
                    t.direct().percentileMillis(90),
                    t.direct().percentileMillis(99),
                    t.relay().percentileMillis(50),
                    t.relay().percentileMillis(99),
                    t.run().percentileMillis(50),
                    t.run().percentileMillis(90),
                    t.run().percentileMillis(99),
                    r.addedMillis(t.run(), 50),
                    r.addedMillis(t.run(), 99),
                    r.addedMillis(t.relay(), 50),
                    r.addedMillis(t.relay(), 99),
                    r.seconds()));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nAdded: a run's time to its first delta minus the direct call's, percentile by percentile. The relay is"
                        + " the server's own `/v1/chat/completions` (the same HTTP server, routing and upstream client,"
                        + " no store, no run engine): what any hop through this server costs on this machine.%n"
                        + "%nTarget: added p50 <= %.0f ms and added p99 <= %.0f ms.%n",
                TARGET_P50_MS,
                TARGET_P99_MS));
        for (Result r : results) {
            double p50 = r.addedMillis(r.timings().run(), 50);
            double p99 = r.addedMillis(r.timings().run(), 99);
            boolean met = p50 <= TARGET_P50_MS && p99 <= TARGET_P99_MS;
            out.append(String.format(
                    Locale.ROOT,
                    "- concurrency %d: %s (added p50 %.2f ms, p99 %.2f ms)%n",
                    r.concurrency(),
                    met ? "met" : "**missed**",
                    p50,
                    p99));
        }
        return out.toString();
    }

    private static void progress(String format, Object... args) {
        System.err.println("first-delta bench: " + String.format(Locale.ROOT, format, args));
    }

    /** What the workers call. */
    private record Target(AssistantsServer server, FakeUpstream upstream, String assistantId) {}

    /** The timings of one concurrency level. */
    private record Result(int concurrency, Timings timings, double seconds) {

        /** Time to the first delta: straight from the upstream, through the server's relay, and of a run. */
        record Timings(Samples direct, Samples relay, Samples run) {}

        /** {@code via}'s percentile minus the direct call's. */
        double addedMillis(Samples via, double percent) {
            return via.percentileMillis(percent) - timings.direct().percentileMillis(percent);
        }
    }

    /** The command-line options. */
    private record Options(
            int warmup,
            int warmupWorkers,
            int iterations,
            int concurrentIterations,
            List<Integer> concurrency,
            Path dataDirParent) {

        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(
                    args, "--warmup", "--warmup-workers", "--iterations", "--concurrent-iterations", "--concurrency");
            return new Options(
                    options.positive("--warmup", 4000),
                    options.positive("--warmup-workers", 8),
                    options.positive("--iterations", 1000),
                    options.positive("--concurrent-iterations", 30),
                    options.positives("--concurrency", List.of(1, 64)),
                    options.dataDirParent());
        }
    }
}
