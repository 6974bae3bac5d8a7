package dev.assistants4j.bench;

import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Durable message writes through the API, on the embedded SQLite file and on PostgreSQL side by side in one run:
 * writes per second and their latency at a fixed concurrency.
 *
 * <p>What is measured is {@code POST /v1/threads/{id}/messages}, timed by the client from send to the parsed answer: a
 * 200 means the message is committed (SQLite with {@code synchronous=FULL} through the group-commit writer; PostgreSQL
 * with its own settings, reported). This is what a user feels of the database, with the HTTP server, JSON and the
 * service's own reads (the thread, the active-run check) included, which a store-level loop would leave out. As a
 * baseline the same workers, on the same server, {@code GET /v1/threads/{id}}: the same HTTP path and one read, no
 * commit.
 *
 * <p>Both servers run in this JVM at once (one on a temporary data dir, one on the PostgreSQL database, each with its
 * default settings) and are measured in turns: after a warm-up of each, every round measures each database's reads
 * then writes, the databases' order swapped each round, so that both see the same noise of a shared machine. Each of
 * {@code --concurrency} workers has its own HTTP/1.1 client and its own thread, and sends its next request as soon as
 * the last one is answered (closed loop, no think time).
 *
 * <p>Options: {@code --concurrency N} (default 16), {@code --writes N} (requests per database, phase and round, default
 * 2000), {@code --rounds N} (default 3), {@code --warmup N} (writes and reads per database before measuring, default
 * 4000), {@code --database-url URL} (a PostgreSQL URL as {@code serve} takes it; default a fresh schema on the local
 * test server, dropped afterwards), {@code --databases sqlite,postgresql} (which to measure, default both; {@code
 * --databases sqlite} needs no PostgreSQL and is a short run), {@code --data-dir DIR} (parent of the SQLite data dir).
 * Prints a Markdown report.
 */
public final class MessageWriteBench {

    private static final Progress PROGRESS = new Progress("writes bench");

    private static final String MODEL = "bench-model";

    private MessageWriteBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dataDir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-writes-");
        List<Target> targets = new ArrayList<>();
        BenchPostgres postgres = options.postgres() ? BenchPostgres.open(options.databaseUrl()) : null;
        try {
            if (options.sqlite()) {
                targets.add(Target.start(
                        "SQLite",
                        "embedded file in " + dataDir + " (" + BenchFiles.fileSystem(dataDir) + ")",
                        dataDir.resolve("sqlite"),
                        DatabaseConfig.EMBEDDED,
                        options.concurrency()));
            }
            if (postgres != null) {
                targets.add(Target.start(
                        "PostgreSQL",
                        postgres.describe(),
                        dataDir.resolve("postgresql"),
                        postgres.config(),
                        options.concurrency()));
            }
            for (Target target : targets) {
                PROGRESS.print(
                        "warm-up on %s: %d reads and %d writes", target.name(), options.warmup(), options.warmup());
                target.phase(false, options.warmup());
                target.phase(true, options.warmup());
                target.reset();
            }
            for (int round = 0; round < options.rounds(); round++) {
                for (int i = 0; i < targets.size(); i++) {
                    Target target = targets.get(round % 2 == 0 ? i : targets.size() - 1 - i);
                    PROGRESS.print(
                            "round %d of %d on %s: %d reads, then %d writes, by %d workers",
                            round + 1,
                            options.rounds(),
                            target.name(),
                            options.writes(),
                            options.writes(),
                            options.concurrency());
                    target.reads().add(target.phase(false, options.writes()));
                    target.writes().add(target.phase(true, options.writes()));
                }
            }
            System.out.print(report(options, targets));
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

    private static String report(Options options, List<Target> targets) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Request: `POST /v1/threads/{id}/messages` (a short user message; answered once committed), each worker"
                        + " on a thread of its own, **concurrency %d** (closed loop), %d rounds of %d reads then %d"
                        + " writes per database, the databases' order swapped each round, after %d warm-up reads and"
                        + " writes each. Baseline: `GET /v1/threads/{id}` by the same workers on the same server (HTTP"
                        + " and one read, no commit). The servers in one JVM, default settings.%n%n",
                options.concurrency(),
                options.rounds(),
                options.writes(),
                options.writes(),
                options.warmup()));
        for (Target target : targets) {
            out.append("- ")
                    .append(target.name())
                    .append(": ")
                    .append(target.description())
                    .append('\n');
        }
        out.append('\n');
        out.append("| database | writes | **writes/s** | write p50 / p90 / p99 | **write max** | writes/s by round"
                + " | baseline reads/s | baseline p50 / p99 / max | write ÷ baseline p50 |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Target target : targets) {
            Phases writes = target.writes();
            Phases reads = target.reads();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | **%.0f** | %.2f / %.2f / %.2f ms | **%.1f ms** | %s | %.0f | %.2f / %.2f / %.1f ms"
                            + " | %.1f× |%n",
                    target.name(),
                    writes.samples().count(),
                    writes.perSecond(),
                    writes.samples().percentileMillis(50),
                    writes.samples().percentileMillis(90),
                    writes.samples().percentileMillis(99),
                    writes.samples().percentileMillis(100),
                    writes.byRound(),
                    reads.perSecond(),
                    reads.samples().percentileMillis(50),
                    reads.samples().percentileMillis(99),
                    reads.samples().percentileMillis(100),
                    writes.samples().percentileMillis(50) / reads.samples().percentileMillis(50)));
        }
        if (targets.size() == 2) {
            Phases sqlite = targets.get(0).writes();
            Phases postgres = targets.get(1).writes();
            Phases sqliteReads = targets.get(0).reads();
            Phases postgresReads = targets.get(1).reads();
            out.append(String.format(
                    Locale.ROOT,
                    "%n**PostgreSQL ÷ SQLite**, same run: writes/s **%.2f×**, write p50 **%.2f×**, p90 %.2f×, p99"
                            + " **%.2f×**; baseline reads/s %.2f×, read p50 %.2f×.%n",
                    postgres.perSecond() / sqlite.perSecond(),
                    ratio(postgres, sqlite, 50),
                    ratio(postgres, sqlite, 90),
                    ratio(postgres, sqlite, 99),
                    postgresReads.perSecond() / sqliteReads.perSecond(),
                    ratio(postgresReads, sqliteReads, 50)));
        }
        return out.toString();
    }

    private static double ratio(Phases a, Phases b, double percent) {
        return a.samples().percentileMillis(percent) / b.samples().percentileMillis(percent);
    }

    /** A server on one database, with one client and one thread per worker, and what was measured on it. */
    private record Target(
            String name,
            String description,
            AssistantsServer server,
            List<BenchClient> clients,
            List<String> threadIds,
            Phases reads,
            Phases writes) {

        static Target start(String name, String description, Path dataDir, DatabaseConfig database, int concurrency)
                throws Exception {
            // No model is called; a route is there only because a server needs one.
            ModelRoute route = new ModelRoute(
                    "*",
                    "openai",
                    "*",
                    Optional.of("http://127.0.0.1:9/v1"),
                    Optional.of("sk-unused"),
                    Optional.empty());
            ServerConfig config =
                    new ServerConfig(List.of(route), Optional.empty(), Optional.empty()).withDatabase(database);
            Files.createDirectories(dataDir);
            AssistantsServer server = AssistantsServer.builder()
                    .options(ServerOptions.local(dataDir))
                    .config(config)
                    .start();
            List<BenchClient> clients = new ArrayList<>();
            List<String> threadIds = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                BenchClient client = new BenchClient(server.baseUrl(), "http://127.0.0.1:9/v1");
                clients.add(client);
                threadIds.add(client.create("/threads", "{}"));
            }
            return new Target(name, description, server, clients, threadIds, new Phases(), new Phases());
        }

        /** Forgets the warm-up's measurements. */
        void reset() {
            reads.clear();
            writes.clear();
        }

        /**
         * {@code total} requests spread over the workers, all started together: message writes when {@code write},
         * else reads of the workers' threads. Returns the samples and the wall time.
         */
        Phase phase(boolean write, int total) throws Exception {
            int workers = clients.size();
            Samples samples = new Samples();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            long started;
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < workers; w++) {
                    BenchClient client = clients.get(w);
                    String threadPath = "/threads/" + threadIds.get(w);
                    int count = total / workers + (w < total % workers ? 1 : 0);
                    int worker = w;
                    futures.add(threads.submit(() -> {
                        go.await();
                        for (int i = 0; i < count; i++) {
                            long start = System.nanoTime();
                            if (write) {
                                client.create(
                                        threadPath + "/messages",
                                        "{\"role\":\"user\",\"content\":\"Message " + i + " of worker " + worker
                                                + ": what is the weather like in Paris today?\"}");
                            } else {
                                client.get(threadPath);
                            }
                            samples.add(System.nanoTime() - start);
                        }
                        return null;
                    }));
                }
                started = System.nanoTime();
                go.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }
            }
            return new Phase(samples, (System.nanoTime() - started) / 1e9);
        }
    }

    /** One measured phase: its latencies and its wall time. */
    private record Phase(Samples samples, double seconds) {}

    /** The phases of one kind on one database, over the rounds. */
    private static final class Phases {

        private final List<Phase> phases = new ArrayList<>();

        void add(Phase phase) {
            phases.add(phase);
        }

        void clear() {
            phases.clear();
        }

        /** Every phase's samples together. */
        Samples samples() {
            Samples all = new Samples();
            for (Phase phase : phases) {
                phase.samples().forEach(all::add);
            }
            return all;
        }

        /** Requests answered per second of the phases' wall time. */
        double perSecond() {
            long count = phases.stream().mapToLong(p -> p.samples().count()).sum();
            double seconds = phases.stream().mapToDouble(Phase::seconds).sum();
            return count / seconds;
        }

        /** Each round's requests per second, comma-separated. */
        String byRound() {
            return String.join(
                    ", ",
                    phases.stream()
                            .map(p -> String.format(
                                    Locale.ROOT, "%.0f", p.samples().count() / p.seconds()))
                            .toList());
        }
    }

    /** The command-line options; {@code databaseUrl} is null for a fresh schema on the local test server. */
    private record Options(
            int concurrency,
            int writes,
            int rounds,
            int warmup,
            boolean sqlite,
            boolean postgres,
            String databaseUrl,
            Path dataDirParent) {

        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(
                    args, "--concurrency", "--writes", "--rounds", "--warmup", "--databases", BenchPostgres.OPTION);
            List<String> databases = List.of(options.text("--databases", "sqlite,postgresql")
                    .toLowerCase(Locale.ROOT)
                    .split(","));
            if (databases.isEmpty() || !List.of("sqlite", "postgresql").containsAll(databases)) {
                throw new IllegalArgumentException("--databases takes sqlite, postgresql or both, comma-separated");
            }
            return new Options(
                    options.positive("--concurrency", 16),
                    options.positive("--writes", 2000),
                    options.positive("--rounds", 3),
                    options.nonNegative("--warmup", 4000),
                    databases.contains("sqlite"),
                    databases.contains("postgresql"),
                    options.text(BenchPostgres.OPTION, null),
                    options.dataDirParent());
        }
    }
}
