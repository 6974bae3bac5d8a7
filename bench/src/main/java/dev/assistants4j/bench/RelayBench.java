package dev.assistants4j.bench;

import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the chat-completions relay adds to a call: the server's own {@code /v1/chat/completions} next to the same call
 * straight to the upstream, non-streamed (time to the whole answer) and streamed (time to the first content chunk),
 * and the server's CPU per relayed request.
 *
 * <p>The server is {@code assistants4j serve} in a JVM of its own ({@link ServerJvm}, on a temporary SQLite data dir,
 * no key, every model routed to the upstream), so that its CPU can be read from {@code /proc/PID/stat}. This JVM holds
 * the zero-delay fake upstream and the clients. Each worker, with its own HTTP/1.1 client, repeats four timed requests
 * in an order that rotates, so all see the same noise: direct and relayed, non-streamed and streamed. The relay's
 * added time at a percentile is the relayed time minus the direct one. The server's CPU per relayed request is its
 * user + system time over a level (measured rounds and the few unmeasured ones before them) divided by the relayed
 * requests of the level: the direct calls never reach it.
 *
 * <p>Options (all optional): {@code --warmup N} (rounds before measuring, by 8 workers; default 15000: after 3000
 * the server was still compiling, 30–39 % of its CPU in C2), {@code --iterations N} (rounds at concurrency 1;
 * default 1000), {@code --concurrent-iterations N} (rounds per worker at higher levels; default 40), {@code
 * --concurrency 1,32}, {@code --data-dir DIR}. The environment variable {@code
 * BENCH_SERVER_JAVA_OPTS} adds JVM options to the server's JVM (a profiler, say). Prints a Markdown report.
 */
public final class RelayBench {

    private static final Progress PROGRESS = new Progress("relay bench");

    private static final String MODEL = "bench-model";
    private static final String[] DELTAS = {"Hello", " world", ",", " how", " are", " you", " today", "?"};
    private static final int WARMUP_WORKERS = 8;
    private static final int UNMEASURED_PER_WORKER = 2;
    /** Clock ticks per second of {@code /proc/PID/stat}'s times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    private RelayBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options =
                BenchArgs.parse(args, "--warmup", "--iterations", "--concurrent-iterations", "--concurrency");
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Path work = Files.createTempDirectory(options.dataDirParent(), "assistants4j-relay-");
        try (FakeUpstream upstream = FakeUpstream.start().defaultReply(Reply.text(DELTAS));
                ServerJvm server = ServerJvm.create(
                        work,
                        "server",
                        work.resolve("data"),
                        upstream.baseUrl(),
                        serverJvmOptions(),
                        List.of(),
                        Map.of())) {
            server.start();
            String serverBase = server.root() + "/v1";
            int warmup = options.positive("--warmup", 15000);
            PROGRESS.print("warm-up: %d rounds by %d workers", warmup, WARMUP_WORKERS);
            measure(server, serverBase, upstream, WARMUP_WORKERS, 0, (warmup + WARMUP_WORKERS - 1) / WARMUP_WORKERS);
            List<Result> results = new ArrayList<>();
            for (int concurrency : options.positives("--concurrency", List.of(1, 32))) {
                int rounds = concurrency == 1
                        ? options.positive("--iterations", 1000)
                        : options.positive("--concurrent-iterations", 40);
                PROGRESS.print("measuring: concurrency %d, %d rounds per worker", concurrency, rounds);
                results.add(measure(server, serverBase, upstream, concurrency, UNMEASURED_PER_WORKER, rounds));
            }
            System.out.print(report(warmup, work, results));
        } finally {
            BenchFiles.deleteRecursively(work);
        }
    }

    /** {@code BENCH_SERVER_JAVA_OPTS}, split at spaces: JVM options of the server (a profiler agent, say). */
    private static List<String> serverJvmOptions() {
        String options =
                System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private static Result measure(
            ServerJvm server, String serverBase, FakeUpstream upstream, int concurrency, int unmeasured, int measured)
            throws Exception {
        Timings timings = new Timings();
        Timings ignored = new Timings();
        long ticksBefore = cpuTicks(server.pid());
        double seconds = Workers.timed(concurrency, unmeasured, measured, worker -> {
            BenchClient client = new BenchClient(serverBase, upstream.baseUrl());
            return (turn, timed) -> round(client, turn + worker, timed ? timings : ignored);
        });
        long ticks = cpuTicks(server.pid()) - ticksBefore;
        long relayed = 2L * concurrency * (unmeasured + measured);
        return new Result(concurrency, timings, seconds, ticks / TICKS_PER_SECOND * 1000 / relayed);
    }

    /** Four timed requests in an order that rotates with {@code turn}. */
    private static void round(BenchClient client, int turn, Timings timings) throws IOException, InterruptedException {
        for (int k = 0; k < 4; k++) {
            switch ((turn + k) % 4) {
                case 0 -> timings.direct.add(client.directCompletion(MODEL));
                case 1 -> timings.relay.add(client.relayCompletion(MODEL));
                case 2 -> timings.directStream.add(client.directFirstDelta(MODEL));
                default -> timings.relayStream.add(client.relayFirstDelta(MODEL));
            }
        }
    }

    /** The process's user + system time so far, in clock ticks ({@code /proc/PID/stat} fields 14 and 15). */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's CPU time", e);
        }
    }

    private static String report(int warmup, Path work, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "`POST /v1/chat/completions` of a two-message chat, straight to a zero-delay fake upstream (%d text"
                        + " deltas) and through the server (`assistants4j serve` in a JVM of its own, SQLite in %s"
                        + " (%s), no key), non-streamed (time to the whole answer) and streamed (time to the first"
                        + " content chunk). Warm-up: %d rounds by %d workers, then %d unmeasured per worker before"
                        + " each level; each round is the four requests in a rotating order.%n%n",
                DELTAS.length,
                work,
                BenchFiles.fileSystem(work),
                warmup,
                WARMUP_WORKERS,
                UNMEASURED_PER_WORKER));
        out.append(
                "| concurrency | rounds | direct p50 / p99 | relayed p50 / p99 | **added p50 / p99** | streamed: direct"
                        + " first chunk p50 / p99 | relayed first chunk p50 / p99 | **first chunk added p50 / p99** | server"
                        + " CPU per relayed request | wall time |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Timings t = r.timings();
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %s | **%s** | %s | %s | **%s** | %.3f ms | %.1f s |%n",
                    r.concurrency(),
                    t.relay.count(),
                    pair(t.direct),
                    pair(t.relay),
                    added(t.relay, t.direct),
                    pair(t.directStream),
                    pair(t.relayStream),
                    added(t.relayStream, t.directStream),
                    r.cpuMillisPerRelayed(),
                    r.seconds()));
        }
        out.append("\nAdded: the relayed time minus the direct one, percentile by percentile, in the same rounds."
                + " Targets (issue 17): added p50 ≤ 0.3 ms and p99 ≤ 1 ms, first chunk added p50 ≤ 0.5 ms, at"
                + " concurrency 1.\n");
        return out.toString();
    }

    private static String pair(Samples samples) {
        return String.format(Locale.ROOT, "%.2f / %.2f ms", samples.percentileMillis(50), samples.percentileMillis(99));
    }

    private static String added(Samples relayed, Samples direct) {
        return String.format(
                Locale.ROOT,
                "%+.2f / %+.2f ms",
                relayed.percentileMillis(50) - direct.percentileMillis(50),
                relayed.percentileMillis(99) - direct.percentileMillis(99));
    }

    /** The times of one level, per kind of request. */
    private static final class Timings {
        final Samples direct = new Samples();
        final Samples relay = new Samples();
        final Samples directStream = new Samples();
        final Samples relayStream = new Samples();
    }

    private record Result(int concurrency, Timings timings, double seconds, double cpuMillisPerRelayed) {}
}
