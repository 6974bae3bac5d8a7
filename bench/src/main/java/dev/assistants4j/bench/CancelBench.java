package dev.assistants4j.bench;

import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a cancel takes to end a run on two nodes of one PostgreSQL database: from sending {@code POST
 * …/runs/{id}/cancel} until the run reads {@code cancelled}, when the cancel is sent to the node executing the run
 * (the baseline: it stops the run's loop at once) and when it is sent to the other node (which stores {@code
 * cancelling}; the executing node finds it through its cancel poll, every 250 ms, and ends the run). Each run streams
 * a slow answer from a fake upstream and is cancelled once its model call is under way; the two cases alternate.
 *
 * <p>Options: {@code --runs N} (per case, default 60), {@code --data-dir DIR}. Needs the PostgreSQL server the tests
 * use (127.0.0.1:5432, user postgres). Prints a Markdown report.
 */
public final class CancelBench {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private CancelBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args, "--runs");
        int runs = options.positive("--runs", 60);
        Path dataDir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-cancel-");
        String[] tokens = Collections.nCopies(400, "word ").toArray(String[]::new);
        try (FakeUpstream upstream = FakeUpstream.start()
                        .defaultReply(Reply.text(tokens).delayBetweenTokens(Duration.ofMillis(50)));
                TestPostgres database = TestPostgres.create();
                AssistantsServer a = node(dataDir.resolve("a"), upstream, database);
                AssistantsServer b = node(dataDir.resolve("b"), upstream, database)) {
            CancelBench bench = new CancelBench();
            String assistant = bench.id(bench.post(a.baseUrl() + "/assistants", "{\"model\":\"bench\"}"));
            Samples same = new Samples();
            Samples other = new Samples();
            for (int i = 0; i < runs + 5; i++) { // the first five of each case warm up
                long sameNanos = bench.cancelOnce(a, a, upstream, assistant);
                long otherNanos = bench.cancelOnce(a, b, upstream, assistant);
                if (i >= 5) {
                    same.add(sameNanos);
                    other.add(otherNanos);
                }
            }
            System.out.print("| cancel sent to | runs | p50 | p95 | max |\n|---|---|---|---|---|\n");
            System.out.print(same.row("the executing node (baseline)"));
            System.out.print(other.row("the other node"));
            System.out.printf(java.util.Locale.ROOT, "%np99 on the other node: %.1f ms%n", other.percentileMillis(99));
        } finally {
            BenchFiles.deleteRecursively(dataDir);
        }
    }

    /** Starts a run on {@code executing}, cancels it through {@code cancelling}; returns the nanoseconds it took. */
    private long cancelOnce(AssistantsServer executing, AssistantsServer cancelling, FakeUpstream upstream, String asst)
            throws IOException, InterruptedException {
        String thread =
                id(post(executing.baseUrl() + "/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        int calls = upstream.requestCount();
        String run =
                id(post(executing.baseUrl() + "/threads/" + thread + "/runs", "{\"assistant_id\":\"" + asst + "\"}"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.requestCount() == calls && System.nanoTime() < deadline) {
            Thread.sleep(1); // polling the fake upstream until the run's model call is under way
        }
        String path = "/threads/" + thread + "/runs/" + run;
        long start = System.nanoTime();
        post(cancelling.baseUrl() + path + "/cancel", "{}");
        while (!status(get(executing.baseUrl() + path)).equals("cancelled")) {
            if (System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
                throw new IllegalStateException("run " + run + " was not cancelled within 10 s");
            }
            Thread.sleep(1);
        }
        return System.nanoTime() - start;
    }

    private static AssistantsServer node(Path dataDir, FakeUpstream upstream, TestPostgres database) {
        ModelRoute route = new ModelRoute(
                "*", "openai", "*", Optional.of(upstream.baseUrl()), Optional.of("sk-upstream"), Optional.empty());
        ServerConfig config = new ServerConfig(List.of(route), Optional.empty(), Optional.empty())
                .withDatabase(DatabaseConfig.postgres(database.url()));
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(config)
                .start();
    }

    private String post(String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return checked(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private String get(String url) throws IOException, InterruptedException {
        return checked(
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String checked(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private String id(String json) {
        return match(ID, json);
    }

    private static String status(String json) {
        return match(STATUS, json);
    }

    private static String match(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no match in " + json);
        }
        return m.group(1);
    }
}
