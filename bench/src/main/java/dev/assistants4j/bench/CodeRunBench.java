package dev.assistants4j.bench;

import dev.assistants4j.core.code.CodeInterpreterSettings;
import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.sandbox.BubblewrapSandbox;
import dev.assistants4j.sandbox.SandboxOptions;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one code_interpreter call adds to a run: the wall time of a streamed run (from the POST to the end of its
 * stream) whose model (a {@link FakeUpstream} with no delay) answers at once, against the same run whose model first
 * calls code_interpreter with {@code print(sum(range(10)))} and answers after it. The code call is measured in a new
 * thread (a new session, taken from the warm pool, which the bench waits to be refilled) and as the second run of a
 * thread (its session already open). Runs are sequential; all go through the real server, store and sandbox.
 *
 * <p>Options: {@code --runs N} (per kind, default 30). Prints a Markdown report to standard output. Run by
 * {@code bench/sandbox.sh} after SandboxBench.
 */
public final class CodeRunBench {

    private static final String CODE_ARGUMENTS = "{\"code\":\"print(sum(range(10)))\"}";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final BenchClient client;

    private CodeRunBench(String base, String upstreamBase) {
        this.base = base;
        this.client = new BenchClient(base, upstreamBase);
    }

    public static void main(String[] args) throws Exception {
        int runs = BenchArgs.intOption(args, "--runs", 30);
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Path dataDir = Files.createTempDirectory("assistants4j-code-bench-");
        Samples plain = new Samples();
        Samples newSession = new Samples();
        Samples sameSession = new Samples();
        try (FakeUpstream upstream = FakeUpstream.start();
                BubblewrapSandbox sandbox =
                        BubblewrapSandbox.create(CodeInterpreterSettings.DEFAULTS, SandboxOptions.DEFAULTS);
                AssistantsServer server = start(dataDir, upstream, CodeInterpreterSource.of(sandbox))) {
            CodeRunBench bench = new CodeRunBench(server.baseUrl(), upstream.baseUrl());
            String assistantId = bench.client.create(
                    "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"code_interpreter\"}]}");
            progress("warm-up");
            for (int i = 0; i < 3; i++) {
                bench.codeRun(upstream, sandbox, bench.thread(), assistantId);
            }
            progress("%d runs per kind", runs);
            for (int i = 0; i < runs; i++) {
                upstream.enqueue(Reply.text("Done."));
                plain.add(bench.timedRun(bench.thread(), assistantId));
                String threadId = bench.thread();
                newSession.add(bench.codeRun(upstream, sandbox, threadId, assistantId));
                sameSession.add(bench.codeRun(upstream, null, threadId, assistantId));
                sandbox.closeSession(new dev.assistants4j.core.code.SessionKey("proj_default", threadId));
            }
            System.out.print(report(runs, plain, newSession, sameSession));
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static AssistantsServer start(Path dataDir, FakeUpstream upstream, CodeInterpreterSource code) {
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-bench"), Optional.empty());
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(new ServerConfig(List.of(route), Optional.empty(), Optional.empty()))
                .fileSearch(FileSearch.NONE)
                .codeInterpreter(code)
                .start();
    }

    /** A run whose model calls code_interpreter once, then answers; waits for a warm interpreter first if asked. */
    private long codeRun(FakeUpstream upstream, BubblewrapSandbox awaitWarm, String threadId, String assistantId)
            throws IOException, InterruptedException {
        if (awaitWarm != null && !awaitWarm.awaitWarm(Duration.ofMinutes(1))) {
            throw new IllegalStateException("no warm interpreter within a minute");
        }
        upstream.enqueue(Reply.toolCalls(ToolCall.of("code_interpreter", CODE_ARGUMENTS)), Reply.text("45."));
        return timedRun(threadId, assistantId);
    }

    /** Nanoseconds from POSTing a streamed run to the end of its stream, which must complete the run. */
    private long timedRun(String threadId, String assistantId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/threads/" + threadId + "/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"assistant_id\":\"" + assistantId + "\",\"stream\":true}"))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().contains("event: thread.run.completed")) {
            throw new IOException("the run did not complete: " + response.statusCode() + " " + response.body());
        }
        return nanos;
    }

    private String thread() throws IOException, InterruptedException {
        return client.create("/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Sum 0..9.\"}]}");
    }

    private static String report(int runs, Samples plain, Samples newSession, Samples sameSession) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%n### A run with one code_interpreter call (CodeRunBench)%n%nWall time of a streamed run, POST to"
                        + " the end of the stream; fake upstream with no delay; %d sequential runs per kind.%n%n",
                runs));
        out.append("| run | samples | p50 | p95 | max |\n|---|---:|---:|---:|---:|\n");
        out.append(plain.row("answer only (no tool call)"));
        out.append(newSession.row("one code call `print(sum(range(10)))`, new thread (warm session)"));
        out.append(sameSession.row("one code call, second run of the thread (open session)"));
        out.append(String.format(
                Locale.ROOT,
                "%nThe code call adds %.1f ms (p50) in a new thread and %.1f ms in an open session.%n",
                newSession.percentileMillis(50) - plain.percentileMillis(50),
                sameSession.percentileMillis(50) - plain.percentileMillis(50)));
        return out.toString();
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "code-run-bench: " + format + "%n", args);
    }
}
