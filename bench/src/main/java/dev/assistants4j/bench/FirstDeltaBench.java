package dev.assistants4j.bench;

import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.config.DatabaseConfig;
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
import java.util.concurrent.ExecutionException;

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
 * data dir; default the system temp dir), {@code --databases sqlite,postgresql} (default {@code sqlite}: the databases
 * to run servers on; each gets its own warm-up, and each level is measured on each in turn, back to back), {@code
 * --database-url URL} (the PostgreSQL database; default a fresh schema on the local test server, dropped afterwards).
 * Prints a Markdown report to standard output.
 */
public final class FirstDeltaBench {

    private static final Progress PROGRESS = new Progress("first-delta bench");

    static final double TARGET_P50_MS = 3.0;
    static final double TARGET_P99_MS = 15.0;
    private static final String MODEL = "bench-model";
    private static final String SQLITE = "sqlite";
    private static final String POSTGRESQL = "postgresql";
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
        BenchPostgres postgres =
                options.databases().contains(POSTGRESQL) ? BenchPostgres.open(options.databaseUrl()) : null;
        List<Target> targets = new ArrayList<>();
        try (FakeUpstream upstream = FakeUpstream.start().defaultReply(Reply.text(DELTAS))) {
            List<String> databases = new ArrayList<>();
            for (String database : options.databases()) {
                boolean onPostgres = database.equals(POSTGRESQL);
                AssistantsServer server = startServer(
                        dataDir.resolve(database), upstream, onPostgres ? postgres.config() : DatabaseConfig.EMBEDDED);
                BenchClient setup = new BenchClient(server.baseUrl(), upstream.baseUrl());
                targets.add(new Target(database, server, upstream, setup.createAssistant(MODEL)));
                databases.add(
                        onPostgres
                                ? postgres.describe()
                                : "SQLite in " + dataDir + " (" + BenchFiles.fileSystem(dataDir) + ")");
            }
            for (Target target : targets) {
                PROGRESS.print(
                        "warm-up on %s: %d runs by %d workers",
                        target.database(), options.warmup(), options.warmupWorkers());
                measure(target, options.warmupWorkers(), ceilDiv(options.warmup(), options.warmupWorkers()), 0);
            }
            List<Result> results = new ArrayList<>();
            for (int concurrency : options.concurrency()) {
                int perWorker = concurrency == 1 ? options.iterations() : options.concurrentIterations();
                for (Target target : targets) {
                    PROGRESS.print(
                            "measuring on %s: concurrency %d, %d runs per worker",
                            target.database(), concurrency, perWorker);
                    results.add(measure(target, concurrency, UNMEASURED_PER_WORKER, perWorker));
                }
            }
            System.out.print(report(options, databases, results));
        } finally {
            for (Target target : targets) {
                target.server().close();
            }
            if (postgres != null) {
                postgres.close();
            }
            BenchFiles.deleteRecursively(dataDir);
        }
    }

    private static AssistantsServer startServer(Path dataDir, FakeUpstream upstream, DatabaseConfig database)
            throws IOException {
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
        ServerConfig config =
                new ServerConfig(List.of(route), Optional.empty(), Optional.empty()).withDatabase(database);
        Files.createDirectories(dataDir);
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
        double seconds = Workers.timed(concurrency, unmeasured, measured, worker -> {
            BenchClient client =
                    new BenchClient(target.server().baseUrl(), target.upstream().baseUrl());
            return (turn, timed) -> round(client, target.assistantId(), turn + worker, timed ? timings : ignored);
        });
        return new Result(target.database(), concurrency, timings, seconds);
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

    private static String report(Options options, List<String> databases, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Upstream reply: %d text deltas, no delay. Warm-up: %d runs by %d workers at once%s, then %d unmeasured"
                        + " per worker before each level%s. Database%s: %s.%n%n",
                DELTAS.length,
                options.warmup(),
                options.warmupWorkers(),
                databases.size() > 1 ? " on each database" : "",
                UNMEASURED_PER_WORKER,
                databases.size() > 1
                        ? "; a server on each database in this JVM, each level measured on each in turn, back to back"
                        : "",
                databases.size() > 1 ? "s" : "",
                String.join("; ", databases)));
        out.append(
                "| database | concurrency | runs | direct p50 / p90 / p99 | via the relay p50 / p99 | via a run p50 / p90"
                        + " / p99 | **added p50** | **added p99** | relay added p50 / p99 | wall time |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Result.Timings t = r.timings();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.2f / %.2f / %.2f ms | %.2f / %.2f ms | %.2f / %.2f / %.2f ms | **%.2f ms** | **%.2f"
                            + " ms** | %.2f / %.2f ms | %.1f s |%n",
                    label(r.database()),
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
                    "- %s, concurrency %d: %s (added p50 %.2f ms, p99 %.2f ms)%n",
                    label(r.database()),
                    r.concurrency(),
                    met ? "met" : "**missed**",
                    p50,
                    p99));
        }
        for (Result pg : results) {
            for (Result lite : results) {
                if (pg.database().equals(POSTGRESQL)
                        && lite.database().equals(SQLITE)
                        && pg.concurrency() == lite.concurrency()) {
                    out.append(String.format(
                            Locale.ROOT,
                            "- PostgreSQL vs SQLite, concurrency %d: a run's first delta p50 %.2f vs %.2f ms (%+.2f ms),"
                                    + " p99 %.2f vs %.2f ms (%+.2f ms); added p50 %.2f×, added p99 %.2f×%n",
                            pg.concurrency(),
                            pg.timings().run().percentileMillis(50),
                            lite.timings().run().percentileMillis(50),
                            pg.timings().run().percentileMillis(50)
                                    - lite.timings().run().percentileMillis(50),
                            pg.timings().run().percentileMillis(99),
                            lite.timings().run().percentileMillis(99),
                            pg.timings().run().percentileMillis(99)
                                    - lite.timings().run().percentileMillis(99),
                            pg.addedMillis(pg.timings().run(), 50)
                                    / lite.addedMillis(lite.timings().run(), 50),
                            pg.addedMillis(pg.timings().run(), 99)
                                    / lite.addedMillis(lite.timings().run(), 99)));
                }
            }
        }
        return out.toString();
    }

    private static String label(String database) {
        return database.equals(POSTGRESQL) ? "PostgreSQL" : "SQLite";
    }

    /** What the workers call: a server on {@code database}. */
    private record Target(String database, AssistantsServer server, FakeUpstream upstream, String assistantId) {}

    /** The timings of one concurrency level on one database. */
    private record Result(String database, int concurrency, Timings timings, double seconds) {

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
            Path dataDirParent,
            List<String> databases,
            String databaseUrl) {

        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(
                    args,
                    "--warmup",
                    "--warmup-workers",
                    "--iterations",
                    "--concurrent-iterations",
                    "--concurrency",
                    "--databases",
                    BenchPostgres.OPTION);
            List<String> databases = List.of(
                    options.text("--databases", SQLITE).toLowerCase(Locale.ROOT).split(","));
            for (String database : databases) {
                if (!database.equals(SQLITE) && !database.equals(POSTGRESQL)) {
                    throw new IllegalArgumentException(
                            "--databases takes " + SQLITE + " and " + POSTGRESQL + ", not " + database);
                }
            }
            return new Options(
                    options.positive("--warmup", 4000),
                    options.positive("--warmup-workers", 8),
                    options.positive("--iterations", 1000),
                    options.positive("--concurrent-iterations", 30),
                    options.positives("--concurrency", List.of(1, 64)),
                    options.dataDirParent(),
                    databases,
                    options.text(BenchPostgres.OPTION, null));
        }
    }
}
