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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a virtual key costs a request: the chat-completions relay and a streamed run's first delta, each with a key
 * made by {@code /key/generate} that has a model list, a budget and rpm, tpm and parallel-request limits (all checked
 * on every call, none reached), next to the same request with the master key, which nothing limits.
 *
 * <p>One JVM holds the fake upstream (zero delay), one server on a temporary SQLite data dir with a master key, and
 * the clients. Each worker has a client per key and repeats five timed requests in an order that rotates, so all see
 * the same noise: a streamed chat completion straight to the upstream, one through the relay with each key, and a
 * streamed run with each key (on a new thread of that key's project, not timed). The key's cost at a percentile is
 * the virtual key's time minus the master key's.
 *
 * <p>Options (all optional): {@code --warmup N} (rounds before measuring, by 8 workers; default 2000), {@code
 * --iterations N} (rounds at concurrency 1; default 1000), {@code --concurrent-iterations N} (rounds per worker at
 * higher levels; default 40), {@code --concurrency 1,16}, {@code --data-dir DIR}. Prints a Markdown report.
 */
public final class KeyOverheadBench {

    private static final Progress PROGRESS = new Progress("key-overhead bench");

    private static final String MODEL = "bench-model";
    private static final String MASTER_KEY = "sk-bench-master-key-0123456789";
    private static final String[] DELTAS = {"Hello", " world", ",", " how", " are", " you", " today", "?"};
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"(sk-[^\"]+)\"");
    private static final int WARMUP_WORKERS = 8;
    private static final int UNMEASURED_PER_WORKER = 2;

    private KeyOverheadBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options =
                BenchArgs.parse(args, "--warmup", "--iterations", "--concurrent-iterations", "--concurrency");
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Path dataDir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-bench-");
        try (FakeUpstream upstream = FakeUpstream.start().defaultReply(Reply.text(DELTAS));
                AssistantsServer server = startServer(dataDir, upstream)) {
            Target target = Target.create(server, upstream);
            int warmup = options.positive("--warmup", 2000);
            PROGRESS.print("warm-up: %d rounds by %d workers", warmup, WARMUP_WORKERS);
            measure(target, WARMUP_WORKERS, 0, (warmup + WARMUP_WORKERS - 1) / WARMUP_WORKERS);
            List<Result> results = new ArrayList<>();
            for (int concurrency : options.positives("--concurrency", List.of(1, 16))) {
                int rounds = concurrency == 1
                        ? options.positive("--iterations", 1000)
                        : options.positive("--concurrent-iterations", 40);
                PROGRESS.print("measuring: concurrency %d, %d rounds per worker", concurrency, rounds);
                results.add(measure(target, concurrency, UNMEASURED_PER_WORKER, rounds));
            }
            System.out.print(report(warmup, dataDir, results));
        } finally {
            BenchFiles.deleteRecursively(dataDir);
        }
    }

    private static AssistantsServer startServer(Path dataDir, FakeUpstream upstream) {
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
        ServerConfig config = new ServerConfig(List.of(route), Optional.of(MASTER_KEY), Optional.empty());
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(config)
                .start();
    }

    private static Result measure(Target target, int concurrency, int unmeasured, int measured) throws Exception {
        Timings timings = new Timings();
        Timings ignored = new Timings();
        double seconds = Workers.timed(concurrency, unmeasured, measured, worker -> {
            Clients clients = target.clients();
            return (turn, timed) -> round(clients, target, turn + worker, timed ? timings : ignored);
        });
        return new Result(concurrency, timings, seconds);
    }

    /** Five timed requests in an order that rotates with {@code turn}; the runs' threads are made first, untimed. */
    private static void round(Clients clients, Target target, int turn, Timings timings)
            throws IOException, InterruptedException {
        String masterThread = clients.master().createThread();
        String keyThread = clients.virtual().createThread();
        for (int k = 0; k < 5; k++) {
            switch ((turn + k) % 5) {
                case 0 -> timings.direct.add(clients.master().directFirstDelta(MODEL));
                case 1 -> timings.relayMaster.add(clients.master().relayFirstDelta(MODEL));
                case 2 -> timings.relayKey.add(clients.virtual().relayFirstDelta(MODEL));
                case 3 ->
                    timings.runMaster.add(clients.master().serverFirstDelta(masterThread, target.masterAssistant()));
                default -> timings.runKey.add(clients.virtual().serverFirstDelta(keyThread, target.keyAssistant()));
            }
        }
    }

    private static String report(int warmup, Path dataDir, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Upstream reply: %d text deltas, no delay. Warm-up: %d rounds by %d workers, then %d unmeasured per"
                        + " worker before each level. SQLite in %s (%s). The virtual key: models [%s], max_budget"
                        + " 1000000 per 30d, rpm_limit 100000000, tpm_limit 1000000000, max_parallel_requests 100000"
                        + " (every check runs, none refuses).%n%n",
                DELTAS.length,
                warmup,
                WARMUP_WORKERS,
                UNMEASURED_PER_WORKER,
                dataDir,
                BenchFiles.fileSystem(dataDir),
                MODEL));
        out.append(
                "| concurrency | rounds | direct p50 / p99 | relay, master key p50 / p99 | relay, virtual key p50 / p99"
                        + " | **relay: key added p50 / p99** | run, master key p50 / p99 | run, virtual key p50 / p99 | **run:"
                        + " key added p50 / p99** | wall time |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Timings t = r.timings();
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %s | %s | **%s** | %s | %s | **%s** | %.1f s |%n",
                    r.concurrency(),
                    t.runKey.count(),
                    pair(t.direct),
                    pair(t.relayMaster),
                    pair(t.relayKey),
                    added(t.relayKey, t.relayMaster),
                    pair(t.runMaster),
                    pair(t.runKey),
                    added(t.runKey, t.runMaster),
                    r.seconds()));
        }
        out.append("\nKey added: the virtual key's time to the first delta minus the master key's, percentile by"
                + " percentile, for the same request in the same rounds.\n");
        return out.toString();
    }

    private static String pair(Samples samples) {
        return String.format(Locale.ROOT, "%.2f / %.2f ms", samples.percentileMillis(50), samples.percentileMillis(99));
    }

    private static String added(Samples key, Samples master) {
        return String.format(
                Locale.ROOT,
                "%+.2f / %+.2f ms",
                key.percentileMillis(50) - master.percentileMillis(50),
                key.percentileMillis(99) - master.percentileMillis(99));
    }

    /** The server, its upstream, a virtual key and an assistant of each key's project. */
    private record Target(
            AssistantsServer server,
            FakeUpstream upstream,
            String virtualKey,
            String masterAssistant,
            String keyAssistant) {

        static Target create(AssistantsServer server, FakeUpstream upstream) throws IOException, InterruptedException {
            BenchClient admin = new BenchClient(server.baseUrl(), upstream.baseUrl(), MASTER_KEY);
            String root = server.baseUrl().replaceFirst("/v1$", "");
            String generated = admin.post(
                    root + "/key/generate",
                    "{\"key_alias\":\"bench\",\"models\":[\"" + MODEL + "\"],\"max_budget\":1000000,"
                            + "\"budget_duration\":\"30d\",\"rpm_limit\":100000000,\"tpm_limit\":1000000000,"
                            + "\"max_parallel_requests\":100000}");
            Matcher key = KEY.matcher(generated);
            if (!key.find()) {
                throw new IOException("/key/generate answered no key: " + generated);
            }
            BenchClient virtual = new BenchClient(server.baseUrl(), upstream.baseUrl(), key.group(1));
            return new Target(
                    server, upstream, key.group(1), admin.createAssistant(MODEL), virtual.createAssistant(MODEL));
        }

        Clients clients() {
            return new Clients(
                    new BenchClient(server.baseUrl(), upstream.baseUrl(), MASTER_KEY),
                    new BenchClient(server.baseUrl(), upstream.baseUrl(), virtualKey));
        }
    }

    /** One worker's clients: one per key. */
    private record Clients(BenchClient master, BenchClient virtual) {}

    /** The times of one level, per kind of request. */
    private static final class Timings {
        final Samples direct = new Samples();
        final Samples relayMaster = new Samples();
        final Samples relayKey = new Samples();
        final Samples runMaster = new Samples();
        final Samples runKey = new Samples();
    }

    private record Result(int concurrency, Timings timings, double seconds) {}
}
