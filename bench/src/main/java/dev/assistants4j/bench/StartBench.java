package dev.assistants4j.bench;

import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How fast {@code ./assistants4j serve} is ready again on a data dir that already exists, and how much memory it then
 * holds: the launcher script (as users start it) is spawned {@code --iterations} times on one data dir made by a first
 * start (assistants, threads with messages and runs, files). Each sample measures the time from the spawn to the
 * first 200 of {@code GET /health/readiness}, the server's RSS at that moment, the latency of the first request of
 * three kinds (list assistants; create a thread with a message; a streamed run to its end, against a {@link
 * FakeUpstream} in this JVM) against the {@code --requests}th of the same kind in the same process, and the RSS after
 * {@code --idle-seconds} of idleness after them; then stops the server with SIGTERM. The baseline, in the same run: a
 * JVM with the launcher's flags that loads one class from the bench jar (as large as the server's) and exits.
 *
 * <p>Options: {@code --launcher PATH} (the {@code assistants4j} script; default: the one in the working directory),
 * {@code --iterations N} (default 5),
 * {@code --requests N} (default 100), {@code --idle-seconds N} (default 10), {@code --data-dir DIR}.
 */
public final class StartBench {

    private static final List<String> KINDS = List.of(
            "`GET /v1/assistants`", "`POST /v1/threads` with a message", "streamed run (`POST …/runs`) to its end");

    private StartBench() {}

    /** One start: time to readiness, RSS, and the nanoseconds of each request of each kind, in order. */
    private record Sample(long readyNanos, long rssReady, long rssIdle, List<long[]> requests) {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--floor")) {
            System.out.println("floor"); // the baseline JVM: loads this class from the jar and exits
            return;
        }
        BenchArgs options = BenchArgs.parse(args, "--launcher", "--iterations", "--requests", "--idle-seconds");
        Path launcher = Path.of(options.text("--launcher", "assistants4j")).toAbsolutePath();
        int iterations = options.positive("--iterations", 5);
        int requests = options.positive("--requests", 100);
        int idleSeconds = options.nonNegative("--idle-seconds", 10);
        Path work = Files.createTempDirectory(options.dataDirParent(), "start-");
        try (FakeUpstream upstream = FakeUpstream.start()) {
            upstream.defaultReply(Reply.text("Hello", " there."));
            LaunchedServer server = LaunchedServer.create(launcher, work, work.resolve("data"), upstream.baseUrl());
            try (server) {
                BenchClient client = new BenchClient(server.root() + "/v1", upstream.baseUrl());
                long firstStart = server.start(client);
                populate(server, client, requests);
                server.stop();
                Samples floor = new Samples();
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < iterations; i++) {
                    floor.add(floor(work.resolve("floor.log")));
                    samples.add(sample(
                            server, new BenchClient(server.root() + "/v1", upstream.baseUrl()), requests, idleSeconds));
                    server.stop();
                }
                report(firstStart, floor, samples, requests, idleSeconds);
            }
        } finally {
            BenchFiles.deleteRecursively(work);
        }
    }

    /** What a used server has: assistants, files, threads with messages and runs; and a warm client in this JVM. */
    private static void populate(LaunchedServer server, BenchClient client, int requests)
            throws IOException, InterruptedException {
        for (int i = 0; i < 20; i++) {
            client.createAssistant("gpt-4o-mini");
        }
        VectorStoreClient files = new VectorStoreClient(server.root() + "/v1");
        byte[] text = "Notes kept by the start bench.\n".repeat(150).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10; i++) {
            files.upload("notes-" + i + ".txt", text);
        }
        requests(client, client.createAssistant("gpt-4o-mini"), requests);
    }

    /** The requests of each kind, {@code count} times, interleaved; the nanoseconds of each, per kind. */
    private static List<long[]> requests(BenchClient client, String assistant, int count)
            throws IOException, InterruptedException {
        List<long[]> nanos = List.of(new long[count], new long[count], new long[count]);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            client.get("/assistants");
            long listed = System.nanoTime();
            String thread = client.createThread();
            long created = System.nanoTime();
            String outcome = client.streamedRunOutcome(thread, assistant);
            long ran = System.nanoTime();
            if (!outcome.equals("thread.run.completed")) {
                throw new IllegalStateException("a run ended " + outcome);
            }
            nanos.get(0)[i] = listed - start;
            nanos.get(1)[i] = created - listed;
            nanos.get(2)[i] = ran - created;
        }
        return nanos;
    }

    private static Sample sample(LaunchedServer server, BenchClient client, int requests, int idleSeconds)
            throws IOException, InterruptedException {
        long ready = server.start(client);
        long rssReady = server.rssBytes();
        String assistant = firstAssistant(client);
        List<long[]> nanos = requests(client, assistant, requests);
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds)); // idle: what the server holds between requests
        return new Sample(ready, rssReady, server.rssBytes(), nanos);
    }

    /** An assistant of the data dir (the list request of the first kind is timed separately, after this one). */
    private static String firstAssistant(BenchClient client) throws IOException, InterruptedException {
        String list = client.get("/assistants?limit=1");
        int at = list.indexOf("\"asst_");
        return list.substring(at + 1, list.indexOf('"', at + 1));
    }

    /** Nanoseconds from spawning a JVM with the launcher's flags that loads one class of the bench jar to its exit. */
    private static long floor(Path log) throws IOException, InterruptedException {
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                StartBench.class.getName(),
                "--floor");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("the baseline JVM failed; see " + log);
        }
        return System.nanoTime() - start;
    }

    private static void report(long firstStart, Samples floor, List<Sample> samples, int requests, int idleSeconds) {
        Samples ready = new Samples();
        Samples rssReady = new Samples();
        Samples rssIdle = new Samples();
        samples.forEach(s -> {
            ready.add(s.readyNanos());
            rssReady.add(s.rssReady() * 1_000_000 / (1024 * 1024)); // MiB, as "ms" of Samples
            rssIdle.add(s.rssIdle() * 1_000_000 / (1024 * 1024));
        });
        System.out.printf(
                Locale.ROOT,
                "`./assistants4j serve` on an existing data dir (20 assistants, 10 files, %d threads with a message"
                        + " and a run), %d starts; the first start (new data dir and whatever the launcher prepares"
                        + " once) took %.0f ms.%n%n",
                requests,
                samples.size(),
                firstStart / 1e6);
        System.out.println("| case | samples | p50 | p95 | max |");
        System.out.println("|---|---|---|---|---|");
        System.out.print(floor.row("baseline: a JVM with the launcher's flags loads a class from the jar, exits"));
        System.out.print(ready.row("**spawn of `./assistants4j serve` to the first 200 of `/health/readiness`**"));
        System.out.printf(
                Locale.ROOT,
                "%nStart minus the baseline at p50: **%.0f ms** (target: start to readiness ≤ 1,000 ms).%n%n",
                ready.percentileMillis(50) - floor.percentileMillis(50));
        System.out.println("| RSS (MiB) | p50 | max |");
        System.out.println("|---|---:|---:|");
        System.out.printf(
                Locale.ROOT,
                "| at readiness | %.0f | %.0f |%n",
                rssReady.percentileMillis(50),
                rssReady.percentileMillis(100));
        System.out.printf(
                Locale.ROOT,
                "| **after the %d×3 requests and %d s idle** (target ≤ 200) | **%.0f** | %.0f |%n%n",
                requests,
                idleSeconds,
                rssIdle.percentileMillis(50),
                rssIdle.percentileMillis(100));
        requestTable(samples, requests);
    }

    private static void requestTable(List<Sample> samples, int requests) {
        System.out.printf(
                Locale.ROOT,
                "Request latency after a start, p50 over the starts (target: the first within 10 %% of the %dth):%n%n",
                requests);
        System.out.printf("| request | first | %dth | mean of the last 10 | first ÷ %dth |%n", requests, requests);
        System.out.println("|---|---:|---:|---:|---:|");
        for (int kind = 0; kind < KINDS.size(); kind++) {
            Samples first = new Samples();
            Samples last = new Samples();
            Samples tail = new Samples();
            for (Sample sample : samples) {
                long[] nanos = sample.requests().get(kind);
                first.add(nanos[0]);
                last.add(nanos[nanos.length - 1]);
                long sum = 0;
                int from = Math.max(0, nanos.length - 10);
                for (int i = from; i < nanos.length; i++) {
                    sum += nanos[i];
                }
                tail.add(sum / (nanos.length - from));
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f ms | %.2f ms | %.2f ms | %.1f× |%n",
                    KINDS.get(kind),
                    first.percentileMillis(50),
                    last.percentileMillis(50),
                    tail.percentileMillis(50),
                    first.percentileMillis(50) / last.percentileMillis(50));
        }
    }
}
