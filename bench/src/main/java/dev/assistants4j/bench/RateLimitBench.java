package dev.assistants4j.bench;

import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How closely {@code rpm_limit} and {@code tpm_limit} hold across several nodes: server processes on one fresh
 * PostgreSQL database, one virtual key, and chat completions offered at twice the limit, spread round-robin over the
 * nodes, for whole one-minute windows (the limiter's windows are fixed minutes of the clock). Each window's admitted
 * requests (and their tokens) are counted and compared with the limit; 10 % over or under is the target.
 *
 * <p>Options (all optional): {@code --nodes N} (default 3), {@code --rpm N} (default 600), {@code --tpm N} (default
 * 30000; each call reports 100 tokens), {@code --windows N} (measured minutes per limit, default 2), {@code --overdrive
 * X} (offered load over the limit, default 2), {@code --data-dir DIR}. Prints a Markdown report; exits 1 when a window
 * misses the target.
 */
public final class RateLimitBench {

    private static final Progress PROGRESS = new Progress("rate bench");

    private static final String SERVER = "127.0.0.1:5432";
    private static final String MASTER_KEY = "sk-bench-master-key-0123456789";
    private static final String MODEL = "bench-model";
    private static final int TOKENS_PER_CALL = 100;
    private static final double TOLERANCE = 0.10;
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"(sk-[^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RateLimitBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args, "--nodes", "--rpm", "--tpm", "--windows", "--overdrive");
        int nodeCount = options.positive("--nodes", 3);
        int rpm = options.positive("--rpm", 600);
        int tpm = options.positive("--tpm", 30_000);
        int windows = options.positive("--windows", 2);
        double overdrive = Double.parseDouble(options.text("--overdrive", "2"));
        Path work = Files.createTempDirectory(options.dataDirParent(), "assistants4j-rate-");
        String database = "a4j_rate_" + Instant.now().getEpochSecond();
        admin("CREATE DATABASE " + database);
        List<ServerJvm> nodes = new ArrayList<>();
        boolean passed = false;
        Reply reply = Reply.text("Hello", " there").usage(TOKENS_PER_CALL - 2, 2);
        try (FakeUpstream upstream = FakeUpstream.start().defaultReply(reply)) {
            for (int n = 0; n < nodeCount; n++) {
                nodes.add(ServerJvm.create(
                        work,
                        "node-" + n,
                        work.resolve("data-" + n),
                        upstream.baseUrl(),
                        List.of("-Xmx512m"),
                        List.of("--database-url", "postgresql://postgres@" + SERVER + "/" + database),
                        Map.of("ASSISTANTS4J_MASTER_KEY", MASTER_KEY)));
            }
            for (ServerJvm node : nodes) {
                node.start();
            }
            List<String> roots = nodes.stream().map(ServerJvm::root).toList();
            List<Window> results = new ArrayList<>();
            String rpmKey = generate(roots.getFirst(), "\"rpm_limit\":" + rpm);
            results.addAll(drive(roots, rpmKey, "rpm_limit", rpm, rpm * overdrive, windows));
            String tpmKey = generate(roots.getFirst(), "\"tpm_limit\":" + tpm);
            double tpmCalls = (double) tpm / TOKENS_PER_CALL;
            results.addAll(drive(roots, tpmKey, "tpm_limit", tpm, tpmCalls * overdrive, windows));
            passed = results.stream().allMatch(Window::met);
            System.out.print(report(nodeCount, overdrive, results, passed));
        } finally {
            for (ServerJvm node : nodes) {
                node.close();
            }
            if (passed) {
                BenchFiles.deleteRecursively(work);
            } else {
                PROGRESS.print("kept %s (node logs)", work);
            }
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        System.exit(passed ? 0 : 1);
    }

    private static String generate(String root, String limit) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(root + "/key/generate"))
                        .header("Authorization", "Bearer " + MASTER_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"key_alias\":\"rate-bench-" + System.nanoTime() + "\"," + limit + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher key = KEY.matcher(response.body());
        if (response.statusCode() != 200 || !key.find()) {
            throw new IOException("/key/generate answered " + response.statusCode() + ": " + response.body());
        }
        return key.group(1);
    }

    /**
     * Offers {@code perMinute} calls a minute with {@code key}, round-robin over the nodes, from the next window's
     * start through {@code windows} whole windows, and counts what each window admitted.
     */
    private static List<Window> drive(
            List<String> roots, String key, String limitName, int limit, double perMinute, int windows)
            throws InterruptedException {
        long firstWindow = Instant.now().getEpochSecond() / 60 + 1;
        long startMillis = firstWindow * 60_000;
        long endMillis = startMillis + windows * 60_000L;
        long intervalNanos = (long) (60e9 / perMinute);
        PROGRESS.print(
                "%s %d: offering %.0f calls a minute over %d nodes, windows start at %s",
                limitName, limit, perMinute, roots.size(), Instant.ofEpochMilli(startMillis));
        waitUntil(startMillis);
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; System.currentTimeMillis() < endMillis; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the offered load, not synchronisation
                }
                String root = roots.get((int) (i % roots.size()));
                long sentMillis = System.currentTimeMillis();
                threads.submit(() -> calls.add(call(root, key, sentMillis)));
            }
        }
        Map<Long, int[]> perWindow = new TreeMap<>();
        for (Call call : calls) {
            long window = call.sentMillis() / 60_000;
            if (window >= firstWindow && window < firstWindow + windows) {
                int[] counts = perWindow.computeIfAbsent(window, w -> new int[4]);
                counts[call.status() == 200 ? 0 : call.status() == 429 ? 1 : 2]++;
                if (call.status() == 429 && call.headersComplete()) {
                    counts[3]++;
                }
            }
        }
        List<Window> out = new ArrayList<>();
        perWindow.forEach((window, counts) -> {
            long admitted = limitName.equals("tpm_limit") ? (long) counts[0] * TOKENS_PER_CALL : counts[0];
            out.add(new Window(limitName, limit, Instant.ofEpochSecond(window * 60), counts, admitted));
        });
        return out;
    }

    private static Call call(String root, String key, long sentMillis) {
        String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(root + "/v1/chat/completions"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean headers = response.headers().firstValue("retry-after").isPresent()
                    && response.headers()
                            .firstValue("x-ratelimit-remaining-requests")
                            .or(() -> response.headers().firstValue("x-ratelimit-remaining-tokens"))
                            .isPresent();
            return new Call(sentMillis, response.statusCode(), headers);
        } catch (IOException e) {
            return new Call(sentMillis, -1, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(sentMillis, -1, false);
        }
    }

    private static void waitUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait); // waiting for a clock minute, not for another thread
        }
    }

    private static String report(int nodes, double overdrive, List<Window> windows, boolean passed) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%d server processes (`serve --database-url`, a fresh database on the local PostgreSQL), one virtual key"
                        + " per limit, non-streamed chat completions offered at %.1f× the limit, spread round-robin"
                        + " over the nodes, for whole clock minutes (the limiter's windows); each call reports %d"
                        + " tokens.%n%n",
                nodes,
                overdrive,
                TOKENS_PER_CALL));
        out.append("| limit | window | admitted (200) | refused (429, with headers) | other | admitted / limit |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (Window w : windows) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s %d | %s | %d%s | %d (%d) | %d | **%.3f** |%n",
                    w.limitName(),
                    w.limit(),
                    w.start(),
                    w.counts()[0],
                    w.limitName().equals("tpm_limit") ? " (" + w.admitted() + " tokens)" : "",
                    w.counts()[1],
                    w.counts()[3],
                    w.counts()[2],
                    w.ratio()));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nTarget: every window within %.0f %% of its limit. %s%n",
                TOLERANCE * 100,
                passed ? "**Passed**." : "**Missed**."));
        return out.toString();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", "postgres", null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private record Call(long sentMillis, int status, boolean headersComplete) {}

    /** One window of one limit: counts are admitted, refused, other, refused with complete headers. */
    private record Window(String limitName, int limit, Instant start, int[] counts, long admitted) {

        double ratio() {
            return (double) admitted / limit;
        }

        boolean met() {
            return Math.abs(ratio() - 1) <= TOLERANCE && counts[3] == counts[1];
        }
    }
}
