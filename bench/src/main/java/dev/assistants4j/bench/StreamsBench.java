package dev.assistants4j.bench;

import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Concurrent streaming runs: a fake OpenAI upstream (in this JVM) streams {@code --chunks} chunks {@code
 * --interval-ms} apart to every chat request; the server runs in a JVM of its own, started by the launcher as users
 * start it ({@code ./assistants4j serve}, its JVM flags included); a load client on virtual threads admits streaming
 * runs ({@code POST /v1/threads/runs}, {@code stream: true}) at {@code --rate} per second, {@code N} per level, and
 * reads each to its end. Per level it reports completed runs, the streams that fell silent for more than a second
 * between two events after the first, the longest silence, the server's heap (GC log and jcmd), pauses, RSS and CPU
 * per streamed delta; then the same client streams {@code --baseline} chat completions straight from the fake
 * upstream (silences there are the client's or the machine's). A level holds when every run completes, no stream is
 * silent over 1 s, the heap stays within 1 GiB and the RSS within 1.5 GiB.
 *
 * <p>Options: {@code --levels 1000,2000,5000 --rate 200 --chunks 300 --interval-ms 100 --baseline N} (default the
 * largest level; 0: none) {@code --warmup N} (default 0: a first level of N runs, reported but not counted, so that the
 * levels measure a JIT-compiled server rather than a fresh JVM) {@code --launcher PATH} (default {@code $BENCH_LAUNCHER}, which bench/streams.sh sets to the
 * repository's {@code assistants4j}) {@code --server-jvm-options "…"}
 * (added through {@code JDK_JAVA_OPTIONS}, before the launcher's own flags).
 */
public final class StreamsBench {

    private static final long GIB = 1024;

    private StreamsBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(
                args,
                "--levels",
                "--rate",
                "--chunks",
                "--interval-ms",
                "--baseline",
                "--warmup",
                "--launcher",
                "--server-jvm-options");
        List<Integer> levels = options.positives("--levels", List.of(1000, 2000, 5000));
        int rate = options.positive("--rate", 200);
        int chunks = options.positive("--chunks", 300);
        int interval = options.nonNegative("--interval-ms", 100);
        int warmup = options.nonNegative("--warmup", 0);
        int baseline = options.nonNegative(
                "--baseline", levels.stream().mapToInt(i -> i).max().orElse(0));
        Path launcher = Path.of(
                        options.text("--launcher", System.getenv().getOrDefault("BENCH_LAUNCHER", "assistants4j")))
                .toAbsolutePath();
        Path work = Files.createTempDirectory(options.dataDirParent(), "streams-bench");
        Reply reply = Reply.text(IntStream.range(0, chunks)
                        .mapToObj(i -> "tok" + i + " ")
                        .toArray(String[]::new))
                .delayBetweenTokens(Duration.ofMillis(interval));
        try (FakeUpstream upstream = FakeUpstream.start().defaultReply(reply);
                ServerJvm server = ServerJvm.launched(
                        work, launcher, work.resolve("data"), upstream.baseUrl(), serverEnv(work, options))) {
            server.start();
            String assistant =
                    new BenchClient(server.root() + "/v1", upstream.baseUrl()).createAssistant("gpt-4o-mini");
            header(levels, rate, chunks, interval, baseline);
            Integer holds = null;
            JvmHeap heap = new JvmHeap(server.pid(), work.resolve("gc.log"));
            StreamLoad load = new StreamLoad(
                    address(server.root()),
                    "/v1/threads/runs",
                    runBody(assistant),
                    true,
                    "event: thread.run.completed");
            if (warmup > 0) {
                Row row = measure("server, warm-up (fresh JVM)", warmup, rate, load, server.pid(), heap);
                System.out.println(row.line());
            }
            for (int n : levels) {
                Row row = measure("server", n, rate, load, server.pid(), heap);
                System.out.println(row.line());
                holds = row.holds() ? Integer.valueOf(n) : holds;
            }
            if (baseline > 0) {
                StreamLoad direct = new StreamLoad(
                        address(upstream.endpoint()), "/v1/chat/completions", chatBody(), false, "data: [DONE]");
                System.out.println(measure("upstream direct", baseline, rate, direct, -1, null)
                        .line());
            }
            System.out.println();
            System.out.println("Largest N that holds (all complete, none silent > 1 s, heap ≤ 1 GiB, RSS ≤ 1.5 GiB): "
                    + (holds == null ? "none of the levels" : holds));
            System.out.println("Server JVM peak RSS over the whole run (VmHWM): "
                    + ProcStats.peakRssKib(server.pid()) / 1024 + " MiB");
            server.stop();
        } finally {
            BenchFiles.deleteRecursively(work.resolve("data"));
            System.err.println("streams bench: the server's log and GC log are in " + work);
        }
    }

    private static Map<String, String> serverEnv(Path work, BenchArgs options) {
        Map<String, String> env = new HashMap<>();
        String extra = options.text("--server-jvm-options", "");
        env.put(
                "JDK_JAVA_OPTIONS",
                ("-Xlog:gc,gc+phases:file=" + work.resolve("gc.log") + ":uptime,tags:filecount=0 " + extra).trim());
        env.put("ASSISTANTS4J_NO_INSTALL", "1");
        return env;
    }

    private static InetSocketAddress address(String root) {
        URI uri = URI.create(root);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    private static String runBody(String assistant) {
        return "{\"assistant_id\":\"" + assistant + "\",\"stream\":true,"
                + "\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}";
    }

    private static String chatBody() {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }

    private static void header(List<Integer> levels, int rate, int chunks, int interval, int baseline) {
        System.out.printf(
                Locale.ROOT,
                "Levels %s, admitted at %d runs/s; the fake upstream streams %d chunks %d ms apart (~%.0f s a run);"
                        + " baseline: %s.%n%n",
                levels,
                rate,
                chunks,
                interval,
                chunks * interval / 1000.0,
                baseline > 0 ? baseline + " chat completions straight from the fake upstream" : "none");
        System.out.println("| target | N | peak concurrent | completed | failed | silent > 1 s | max gap s"
                + " | first event p50 / max s | deltas | server CPU s (user + sys) | server CPU ms per delta"
                + " | bench JVM CPU s | machine busy % | heap used max MiB | heap committed max MiB"
                + " | GC pauses (n, max ms) | RSS max MiB | holds |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    /** Runs one level while sampling the server's RSS; {@code pid} -1: no server (the baseline). */
    private static Row measure(String target, int n, int rate, StreamLoad load, long pid, JvmHeap heap)
            throws Exception {
        if (heap != null) {
            heap.mark();
        }
        long self = ProcessHandle.current().pid();
        long[] cpu0 = pid > 0 ? ProcStats.cpuMillis(pid) : new long[2];
        long[] own0 = ProcStats.cpuMillis(self);
        long[] machine0 = ProcStats.machineMillis();
        RssSampler rss = RssSampler.start(pid > 0 ? pid : self);
        StreamLoad.Outcome outcome = load.run(n, rate);
        long rssMax = rss.stop();
        long[] cpu1 = pid > 0 ? ProcStats.cpuMillis(pid) : new long[2];
        long[] own1 = ProcStats.cpuMillis(self);
        long[] machine1 = ProcStats.machineMillis();
        if (heap != null) {
            heap.update();
        }
        if (outcome.firstError() != null) {
            System.err.println("streams bench: " + target + " N=" + n + " first failure: " + outcome.firstError());
        }
        return new Row(
                target,
                n,
                outcome,
                cpu1[0] - cpu0[0],
                cpu1[1] - cpu0[1],
                (own1[0] + own1[1]) - (own0[0] + own0[1]),
                100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1]),
                rssMax,
                heap);
    }

    /** One line of the report. */
    private record Row(
            String target,
            int n,
            StreamLoad.Outcome o,
            long userMs,
            long sysMs,
            long benchMs,
            double machineBusy,
            long rssMaxKib,
            JvmHeap heap) {

        boolean holds() {
            return o.completed() == n
                    && o.failed() == 0
                    && o.silent() == 0
                    && heap != null
                    && heap.usedMib <= GIB
                    && heap.committedMib <= GIB
                    && rssMaxKib <= 1536 * 1024;
        }

        String line() {
            boolean server = heap != null;
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %.2f | %.2f / %.2f | %d | %s | %s | %.1f | %.0f | %s | %s | %s"
                            + " | %d | %s |",
                    target,
                    n,
                    o.peakActive(),
                    o.completed(),
                    o.failed(),
                    o.silent(),
                    o.maxGapNanos() / 1e9,
                    o.firstEventP50Nanos() / 1e9,
                    o.firstEventMaxNanos() / 1e9,
                    o.deltas(),
                    server
                            ? String.format(
                                    Locale.ROOT,
                                    "%.1f (%.1f + %.1f)",
                                    (userMs + sysMs) / 1e3,
                                    userMs / 1e3,
                                    sysMs / 1e3)
                            : "–",
                    server
                            ? String.format(Locale.ROOT, "%.3f", (userMs + sysMs) / (double) Math.max(1, o.deltas()))
                            : "–",
                    benchMs / 1e3,
                    machineBusy,
                    server ? Long.toString(heap.usedMib) : "–",
                    server ? Long.toString(heap.committedMib) : "–",
                    server ? String.format(Locale.ROOT, "%d, %.1f", heap.pauses, heap.maxPauseMs) : "–",
                    rssMaxKib / 1024,
                    server ? (holds() ? "yes" : "no") : "–");
        }
    }
}
