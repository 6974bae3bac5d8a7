package dev.assistants4j.bench;

import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * Crash test: tool-calling runs while the server is killed with SIGKILL at random moments and restarted on the same
 * data dir; then every acknowledged write must be there, completed runs must carry their submitted outputs, and no
 * message or run may be left unfinished.
 *
 * <p>The model is a {@link FakeUpstream} in this JVM answering with {@link CrashModel}. The server is {@code
 * assistants4j serve} in its own JVM ({@link ServerJvm}, on a fixed port and a temporary data dir). {@code --workers}
 * clients run {@code --runs} {@link Conversation conversations} between them, recording what the server acknowledged
 * in a {@link Ledger}, while the {@link Killer} kills and restarts the server up to {@code --kills} times. Then the
 * killing stops, every known run is driven to a terminal status (the settle phase, at most two minutes), the server
 * is killed and started once more, and {@link CrashChecks} reads everything back through the API.
 *
 * <p>Options: {@code --runs N} (default 800), {@code --workers W} (6), {@code --kills K} (40), {@code --data-dir DIR}
 * (parent of the temporary directory holding the data dir, the config and the server's log; default the system temp
 * dir). Prints a Markdown report to standard output; exits with 1 when a check found something, and then keeps the
 * temporary directory for investigation.
 */
public final class CrashBench {

    private static final Progress PROGRESS = new Progress("crash bench");

    private static final Duration CONVERSATION_LIMIT = Duration.ofMinutes(2);
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(2);

    private final Options options;
    private final ServerJvm server;
    private final Path work;
    private final CrashHttp http;
    private final Ledger ledger = new Ledger();
    private final Samples restarts = new Samples();

    private CrashBench(Options options, ServerJvm server, Path work) {
        this.options = options;
        this.server = server;
        this.work = work;
        this.http = new CrashHttp(server.root());
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true"); // see FirstDeltaBench
        }
        Path work = Files.createTempDirectory(options.dataDirParent(), "assistants4j-crash-");
        boolean passed = false;
        try (FakeUpstream model = FakeUpstream.start().defaultReply(CrashModel::reply);
                ServerJvm server = ServerJvm.create(work, work.resolve("data"), model.baseUrl())) {
            CrashReport.Outcome outcome = new CrashBench(options, server, work).execute();
            System.out.print(CrashReport.markdown(outcome));
            passed = outcome.findings().passed();
        } finally {
            if (passed) {
                BenchFiles.deleteRecursively(work);
            } else {
                PROGRESS.print("kept %s (data dir, config.yaml, server.log) for investigation", work);
            }
        }
        System.exit(passed ? 0 : 1);
    }

    private CrashReport.Outcome execute() throws Exception {
        long began = System.nanoTime();
        long firstStart = server.start();
        String assistantId = CrashModel.createAssistant(http, "crash-model", true);
        PROGRESS.print(
                "server ready in %d ms; %d conversations by %d workers, up to %d kills",
                firstStart / 1_000_000, options.runs(), options.workers(), options.kills());
        CountDownLatch loadDone = new CountDownLatch(1);
        Killer killer = new Killer(server, options.kills(), restarts, loadDone);
        Thread killerThread = Thread.ofPlatform().name("crash-killer").start(killer);
        try {
            runLoad(assistantId);
        } finally {
            loadDone.countDown();
            killerThread.join();
        }
        if (killer.failure() != null) {
            throw new IllegalStateException("the killer failed; see " + server.log(), killer.failure());
        }
        long loadEnd = System.nanoTime();
        int submitsBefore = ledger.submits().size();
        settle();
        long settleEnd = System.nanoTime();
        int settleSubmits = ledger.submits().size() - submitsBefore;
        PROGRESS.print("settled; a last kill and restart, then the checks");
        server.kill();
        restarts.add(server.start());
        CrashChecks.Findings findings = CrashChecks.check(http, ledger);
        long end = System.nanoTime();
        return new CrashReport.Outcome(
                options,
                ledger,
                findings,
                killer.kills(),
                restarts,
                firstStart,
                new CrashReport.Durations(
                        seconds(end - began),
                        seconds(loadEnd - began),
                        seconds(settleEnd - loadEnd),
                        seconds(end - settleEnd)),
                settleSubmits,
                BenchFiles.fileSystem(work),
                CrashReport.LogCounts.of(server.log()));
    }

    /** {@code --workers} workers take conversations until {@code --runs} have been run. */
    private void runLoad(String assistantId) throws InterruptedException, ExecutionException {
        Conversation conversation = new Conversation(http, ledger, assistantId);
        Workers.share(
                options.workers(),
                options.runs(),
                i -> conversation.run(System.nanoTime() + CONVERSATION_LIMIT.toNanos()),
                finished -> {
                    if (finished % 50 == 0) {
                        PROGRESS.print("%d conversations done", finished);
                    }
                });
    }

    /** With the killer stopped, drives every known run to a terminal status, within {@link #SETTLE_LIMIT} in all. */
    private void settle() throws InterruptedException {
        RunDriver driver = new RunDriver(http, ledger);
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        http.awaitReady(RunDriver.OUTAGE_LIMIT);
        for (Ledger.RunRef run : ledger.knownRuns()) {
            driver.drive(run.threadId(), run.runId(), deadline);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The command-line options. */
    record Options(int runs, int workers, int kills, Path dataDirParent) {

        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(args, "--runs", "--workers", "--kills");
            return new Options(
                    options.positive("--runs", 800),
                    options.positive("--workers", 6),
                    options.nonNegative("--kills", 40),
                    options.dataDirParent());
        }
    }
}
