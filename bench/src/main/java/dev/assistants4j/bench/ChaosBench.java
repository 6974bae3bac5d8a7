package dev.assistants4j.bench;

import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Chaos test of several nodes on one PostgreSQL database: {@code --nodes} (3) {@code assistants4j serve} processes
 * ({@link ServerJvm}) on a database this bench creates ({@code a4j_chaos_<epoch>} on {@code $A4J_TEST_POSTGRES}, else
 * 127.0.0.1:5432, user postgres), with a run lease of {@code --lease} seconds ({@code ASSISTANTS4J_RUN_LEASE_SECONDS},
 * default 3). {@code --workers} (8) clients run {@code --runs} (400) {@link Conversation conversations}, every request
 * to the next node in turn ({@link CrashHttp} round robin): even ones a streamed run of a plain assistant ({@link
 * ChaosModel}'s 20 tokens, 40 ms apart), odd ones a function run with submit_tool_outputs ({@link CrashModel}).
 * Meanwhile a chaos thread, every random 0.5–2.5 s, kills a random live node with SIGKILL (never the last live one)
 * and starts it again after a random 0–4 s, on a thread of its own.
 *
 * <p>After the load, the killing stops, every node is started again, and every known run is driven to a terminal
 * status (the settle phase, at most two minutes): a run in {@code requires_action} gets its outputs submitted by the
 * client, as a client would (no run is left to expire, so every run must end). Then {@link ChaosChecks} reads
 * everything back, and {@link Takeovers} gives the takeover times (kill → another node holds the run's lease).
 *
 * <p>Prints a Markdown report to standard output; exits 1 when a check found something, and then keeps the temporary
 * directory (logs) and the database for investigation.
 */
public final class ChaosBench {

    private static final Progress PROGRESS = new Progress("chaos bench");

    private static final Duration CONVERSATION_LIMIT = Duration.ofMinutes(2);
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(2);
    private static final int MIN_PAUSE_MILLIS = 500;
    private static final int MAX_PAUSE_MILLIS = 2500;
    private static final int MAX_RESTART_DELAY_MILLIS = 4000;
    /** Quicker start-up (restarts are part of the test) on a small machine; the load is light for each node. */
    static final List<String> NODE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

    private static final String SERVER = System.getenv().getOrDefault("A4J_TEST_POSTGRES", "127.0.0.1:5432");

    record Options(int runs, int workers, int nodes, int leaseSeconds, Path dataDirParent) {
        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(args, "--runs", "--workers", "--nodes", "--lease");
            return new Options(
                    options.positive("--runs", 400),
                    options.positive("--workers", 8),
                    options.positive("--nodes", 3),
                    options.positive("--lease", 3),
                    options.dataDirParent());
        }
    }

    private final Options options;
    private final List<ServerJvm> nodes;
    private final CrashHttp http;
    private final Ledger ledger = new Ledger();
    private final Samples restarts = new Samples();
    private final Takeovers takeovers;
    private final AtomicIntegerArray up;
    private final List<Thread> restarters = new ArrayList<>();
    private volatile Exception chaosFailure;
    private int kills;

    private ChaosBench(Options options, List<ServerJvm> nodes, Takeovers takeovers) {
        this.options = options;
        this.nodes = nodes;
        this.takeovers = takeovers;
        this.http = new CrashHttp(nodes.stream().map(ServerJvm::root).toList());
        this.up = new AtomicIntegerArray(nodes.size());
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true"); // see FirstDeltaBench
        }
        Path work = Files.createTempDirectory(options.dataDirParent(), "assistants4j-chaos-");
        String database = "a4j_chaos_" + Instant.now().getEpochSecond();
        admin("CREATE DATABASE " + database);
        String url = "postgresql://postgres@" + SERVER + "/" + database;
        boolean passed = false;
        List<ServerJvm> nodes = new ArrayList<>();
        try (FakeUpstream model = FakeUpstream.start().defaultReply(ChaosModel::reply)) {
            for (int n = 0; n < options.nodes(); n++) {
                nodes.add(ServerJvm.create(
                        work,
                        "node-" + n,
                        work.resolve("data-" + n),
                        model.baseUrl(),
                        NODE_JVM_OPTIONS,
                        List.of("--database-url", url),
                        Map.of(
                                "ASSISTANTS4J_RUN_LEASE_SECONDS",
                                Integer.toString(options.leaseSeconds()),
                                "ASSISTANTS4J_LOG_LEVEL",
                                "INFO")));
            }
            try (Takeovers takeovers =
                    new Takeovers("jdbc:postgresql://" + SERVER + "/" + database + "?user=postgres")) {
                String report = new ChaosBench(options, nodes, takeovers).execute(database);
                passed = report.contains("**Passed**");
                System.out.print(report);
            }
        } finally {
            for (ServerJvm node : nodes) {
                node.close();
            }
            if (passed) {
                BenchFiles.deleteRecursively(work);
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } else {
                PROGRESS.print("kept %s (node logs) and database %s for investigation", work, database);
            }
        }
        System.exit(passed ? 0 : 1);
    }

    private String execute(String database) throws Exception {
        long began = System.nanoTime();
        startAll();
        String functionAssistant = CrashModel.createAssistant(http, "chaos-model", true);
        String plainAssistant = CrashModel.createAssistant(http, "chaos-model", false);
        PROGRESS.print(
                "%d nodes ready; %d conversations by %d workers, lease %d s",
                nodes.size(), options.runs(), options.workers(), options.leaseSeconds());
        CountDownLatch loadDone = new CountDownLatch(1);
        Thread chaos = Thread.ofPlatform().name("chaos").start(() -> chaos(loadDone));
        try {
            runLoad(functionAssistant, plainAssistant);
        } finally {
            loadDone.countDown();
            chaos.join();
            for (Thread restarter : restarters) {
                restarter.join();
            }
        }
        if (chaosFailure != null) {
            throw new IllegalStateException("the chaos thread failed", chaosFailure);
        }
        long loadEnd = System.nanoTime();
        startAll(); // a restart that failed is retried here; every node serves the settle phase
        RunDriver driver = new RunDriver(http, ledger);
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        for (Ledger.RunRef run : ledger.knownRuns()) {
            driver.drive(run.threadId(), run.runId(), deadline);
        }
        long settleEnd = System.nanoTime();
        ChaosChecks.Findings findings = ChaosChecks.check(http, ledger, functionAssistant);
        long end = System.nanoTime();
        return report(database, findings, seconds(loadEnd - began), seconds(settleEnd - loadEnd), seconds(end - began));
    }

    /** Starts every node that is not running, concurrently. */
    private void startAll() throws InterruptedException {
        List<Thread> starting = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            if (up.get(n) == 0) {
                int node = n;
                starting.add(Thread.ofPlatform().start(() -> restart(node, 0)));
            }
        }
        for (Thread thread : starting) {
            thread.join();
        }
        for (int n = 0; n < nodes.size(); n++) {
            if (up.get(n) == 0) {
                throw new IllegalStateException(
                        "node " + n + " did not start; see " + nodes.get(n).log());
            }
        }
    }

    private void restart(int node, long delayMillis) {
        try {
            Thread.sleep(delayMillis);
            long nanos = nodes.get(node).start();
            restarts.add(nanos);
            up.set(node, 1);
        } catch (InterruptedException | RuntimeException e) {
            chaosFailure = e;
        }
    }

    /** Until the load is done: pause, kill a random live node (never the last one), start it again later. */
    private void chaos(CountDownLatch loadDone) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (!loadDone.await(random.nextLong(MIN_PAUSE_MILLIS, MAX_PAUSE_MILLIS + 1), TimeUnit.MILLISECONDS)) {
                List<Integer> live = new ArrayList<>();
                for (int n = 0; n < nodes.size(); n++) {
                    if (up.get(n) == 1) live.add(n);
                }
                if (live.size() < 2) {
                    continue;
                }
                int node = live.get(random.nextInt(live.size()));
                ServerJvm victim = nodes.get(node);
                String nodeId = victim.nodeId();
                up.set(node, 0);
                long killed = System.nanoTime();
                victim.kill();
                kills++;
                int inFlight = nodeId == null ? 0 : takeovers.killed(nodeId, killed);
                PROGRESS.print("kill %d: node %d (%s), %d runs in flight there", kills, node, nodeId, inFlight);
                long delay = random.nextLong(MAX_RESTART_DELAY_MILLIS + 1);
                restarters.add(Thread.ofPlatform().name("restart-" + node).start(() -> restart(node, delay)));
            }
        } catch (InterruptedException | RuntimeException | SQLException e) {
            chaosFailure = e;
        }
    }

    private void runLoad(String functionAssistant, String plainAssistant)
            throws InterruptedException, ExecutionException {
        Conversation functionRun = new Conversation(http, ledger, functionAssistant, false);
        Conversation streamedRun = new Conversation(http, ledger, plainAssistant, true);
        Workers.share(
                options.workers(),
                options.runs(),
                i -> (i % 2 == 0 ? streamedRun : functionRun).run(System.nanoTime() + CONVERSATION_LIMIT.toNanos()),
                finished -> {
                    if (finished % 50 == 0) {
                        PROGRESS.print("%d conversations done, %d kills", finished, kills);
                    }
                });
    }

    private String report(String database, ChaosChecks.Findings findings, double load, double settle, double total) {
        StringBuilder out = new StringBuilder();
        Samples times = takeovers.times();
        List<String> notTakenOver = takeovers.notTakenOver();
        boolean passed = findings.passed() && notTakenOver.isEmpty();
        out.append(String.format(
                Locale.ROOT,
                "%d nodes (`serve --database-url postgresql://postgres@%s/%s`, a fresh database), run lease %d s"
                        + " (`ASSISTANTS4J_RUN_LEASE_SECONDS`), takeover scan 2 s; %d conversations (half streamed"
                        + " text runs, half function runs with submit_tool_outputs) by %d workers, requests round"
                        + " robin over the nodes; a kill -9 of a random live node every 0.5–2.5 s, each restarted"
                        + " 0–4 s later.%n%n",
                nodes.size(),
                SERVER,
                database,
                options.leaseSeconds(),
                options.runs(),
                options.workers()));
        out.append(String.format(
                Locale.ROOT,
                "- Result: **%s**%n- Time: %.0f s in all (load with chaos %.0f s, settle %.0f s)%n"
                        + "- Kills: %d; restarts to ready: %s%n",
                passed ? "Passed" : "FAILED",
                total,
                load,
                settle,
                kills,
                restarts.count() == 0
                        ? "none"
                        : String.format(
                                Locale.ROOT,
                                "%d, p50 %.1f s, max %.1f s",
                                restarts.count(),
                                restarts.percentileMillis(50) / 1000,
                                restarts.percentileMillis(100) / 1000)));
        out.append(String.format(
                Locale.ROOT,
                "- Runs known to the clients: %d (%d acknowledged); by status: %s%n",
                ledger.knownRuns().size(),
                ledger.acknowledgedRunCount(),
                findings.runsByStatus()));
        out.append("- Failed runs by last_error: ")
                .append(findings.failures().isEmpty() ? "none" : findings.failures())
                .append('\n');
        out.append(String.format(
                Locale.ROOT,
                "- Takeovers (kill → another node holds the lease of a run the killed node was executing, polled every"
                        + " %d ms): %d runs in flight at kills, %d taken over%s%n",
                Takeovers.POLL_MILLIS,
                takeovers.inFlightAtKills(),
                times.count(),
                times.count() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; p50 %.2f s, p99 %.2f s, max %.2f s (bound: lease %d s + scan 2 s)",
                                times.percentileMillis(50) / 1000,
                                times.percentileMillis(99) / 1000,
                                times.percentileMillis(100) / 1000,
                                options.leaseSeconds())));
        out.append(String.format(
                Locale.ROOT,
                "- Checks: lost acknowledged writes %d; runs left non-terminal %d; duplicate steps or messages %d;"
                        + " messages or steps left in_progress %d; wrong answers %d; runs of killed nodes never taken"
                        + " over %d%n",
                findings.lostWrites(),
                findings.nonTerminalRuns(),
                findings.duplicates(),
                findings.inProgressLeftovers(),
                findings.wrongAnswers(),
                notTakenOver.size()));
        out.append("- Requests without an answer (a node killed under them; retried on the next node): ")
                .append(ledger.unanswered().isEmpty() ? "none" : ledger.unanswered())
                .append("; creates found on their thread after a lost answer: ")
                .append(ledger.foundAfterLoss())
                .append('\n');
        out.append("- Unexpected answers: ").append(ledger.unexpected().size()).append('\n');
        List<String> evidence = new ArrayList<>(findings.evidence());
        notTakenOver.forEach(run -> evidence.add("run never taken over: " + run));
        ledger.unexpected().forEach(line -> evidence.add("unexpected: " + line));
        if (!evidence.isEmpty()) {
            out.append("\nEvidence (first 20):\n\n");
            evidence.stream()
                    .limit(20)
                    .forEach(line -> out.append("    ").append(line).append('\n'));
        }
        return out.toString();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres?user=postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
