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
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run's success rate while one of two deployments of its model fails half its calls (HTTP 500), with the router
 * (two {@code model_list} entries of one {@code model_name}, LiteLLM's default router settings) next to the same
 * failing deployment alone (one entry: only the run engine's own retries).
 *
 * <p>A fails each call with probability 1/2 (a seeded coin). One JVM holds two fake upstreams, one server per setup (temporary SQLite data dirs) and the clients. Each setup
 * gets the same bounded loop of streamed runs, by a few workers at once; each run's last {@code thread.run.*} event is
 * counted. Options (all optional): {@code --runs N} (per setup, default 400), {@code --workers N} (default 4), {@code
 * --data-dir DIR}. Prints a Markdown report.
 */
public final class FailoverBench {

    private static final Progress PROGRESS = new Progress("failover bench");

    private static final String MODEL = "bench-model";

    private FailoverBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args, "--runs", "--workers");
        int runs = options.positive("--runs", 400);
        int workers = options.positive("--workers", 4);
        Path dataDir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-failover-");
        AtomicInteger flakyCalls = new AtomicInteger();
        AtomicInteger flakyFailures = new AtomicInteger();
        Random coin = new Random(42); // thread-safe; seeded, so that runs of the bench fail the same share
        List<Result> results = new ArrayList<>();
        try (FakeUpstream flaky = FakeUpstream.start().defaultReply(body -> {
                    flakyCalls.incrementAndGet();
                    if (coin.nextBoolean()) {
                        flakyFailures.incrementAndGet();
                        return Reply.error(500, "The deployment had a bad minute.");
                    }
                    return Reply.text("Hello", " there.");
                });
                FakeUpstream healthy = FakeUpstream.start().defaultReply(Reply.text("Hello", " there."))) {
            for (Setup setup : Setup.values()) {
                int flakyBefore = flakyCalls.get();
                int failuresBefore = flakyFailures.get();
                int healthyBefore = healthy.requestCount();
                Map<String, Integer> outcomes;
                long started = System.nanoTime();
                try (AssistantsServer server = start(dataDir.resolve(setup.name()), setup, flaky, healthy)) {
                    PROGRESS.print("%s: %d runs by %d workers", setup.label, runs, workers);
                    outcomes = drive(server, healthy, runs, workers);
                }
                results.add(new Result(
                        setup,
                        outcomes,
                        flakyCalls.get() - flakyBefore,
                        flakyFailures.get() - failuresBefore,
                        healthy.requestCount() - healthyBefore,
                        (System.nanoTime() - started) / 1e9));
            }
        } finally {
            BenchFiles.deleteRecursively(dataDir);
        }
        System.out.print(report(runs, workers, results));
    }

    private static AssistantsServer start(Path dataDir, Setup setup, FakeUpstream flaky, FakeUpstream healthy)
            throws IOException {
        List<ModelRoute> routes = new ArrayList<>();
        routes.add(route(flaky));
        if (setup == Setup.ROUTED) {
            routes.add(route(healthy));
        }
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(new ServerConfig(routes, Optional.empty(), Optional.empty()))
                .start();
    }

    private static ModelRoute route(FakeUpstream upstream) {
        return new ModelRoute(
                MODEL, "openai", MODEL, Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
    }

    private static Map<String, Integer> drive(AssistantsServer server, FakeUpstream healthy, int runs, int workers)
            throws Exception {
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        String assistant = new BenchClient(server.baseUrl(), healthy.baseUrl()).createAssistant(MODEL);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                futures.add(threads.submit(() -> {
                    BenchClient client = new BenchClient(server.baseUrl(), healthy.baseUrl());
                    while (next.getAndIncrement() < runs) {
                        String outcome = client.streamedRunOutcome(client.createThread(), assistant);
                        outcomes.merge(outcome, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return outcomes;
    }

    private static String report(int runs, int workers, List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%d streamed runs per setup by %d workers; deployment A answers HTTP 500 to half its calls at random (seeded), deployment"
                        + " B always answers. LiteLLM's default router settings (num_retries 2, allowed_fails 3,"
                        + " cooldown_time 5 s). The run engine's own retries of a call that produced nothing apply in"
                        + " both setups.%n%n",
                runs,
                workers));
        out.append(
                "| setup | runs completed | runs failed | other endings | calls to A (500s) | calls to B | wall time |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            int completed = r.outcomes().getOrDefault("thread.run.completed", 0);
            int failed = r.outcomes().getOrDefault("thread.run.failed", 0);
            int total =
                    r.outcomes().values().stream().mapToInt(Integer::intValue).sum();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | **%d (%.1f %%)** | %d | %d | %d (%d) | %d | %.1f s |%n",
                    r.setup().label,
                    completed,
                    100.0 * completed / total,
                    failed,
                    total - completed - failed,
                    r.flakyCalls(),
                    r.flakyFailures(),
                    r.healthyCalls(),
                    r.seconds()));
        }
        return out.toString();
    }

    /** The two setups measured. */
    private enum Setup {
        ALONE("A alone (one deployment)"),
        ROUTED("A and B (two deployments, the router)");

        final String label;

        Setup(String label) {
            this.label = label;
        }
    }

    private record Result(
            Setup setup,
            Map<String, Integer> outcomes,
            int flakyCalls,
            int flakyFailures,
            int healthyCalls,
            double seconds) {}
}
