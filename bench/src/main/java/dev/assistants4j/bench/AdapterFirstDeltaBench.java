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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A streamed run's time to its first {@code thread.message.delta} through each provider adapter: the
 * OpenAI-compatible one, the native Anthropic Messages one and the native Gemini one, against one fake upstream that
 * speaks all three wire protocols from the same scripted reply (no delay). The adapters' added time is each native
 * adapter's time minus the OpenAI-compatible one's, percentile by percentile, in the same rounds.
 *
 * <p>One JVM, one server on a temporary SQLite data dir. Each round makes one run per adapter, on a new thread each
 * (made first, untimed), in an order that rotates. Options (all optional): {@code --warmup N} (rounds, default 1500),
 * {@code --iterations N} (measured rounds, default 1000), {@code --data-dir DIR}. Prints a Markdown report.
 */
public final class AdapterFirstDeltaBench {

    private static final Progress PROGRESS = new Progress("adapter first-delta bench");

    private static final String[] DELTAS = {"Hello", " world", ",", " how", " are", " you", " today", "?"};
    private static final List<String> ADAPTERS = List.of("openai", "anthropic", "gemini");

    private AdapterFirstDeltaBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args, "--warmup", "--iterations");
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true"); // see FirstDeltaBench
        }
        int warmup = options.positive("--warmup", 1500);
        int iterations = options.positive("--iterations", 1000);
        Path dataDir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-bench-");
        try (FakeUpstream upstream = FakeUpstream.start().defaultReply(Reply.text(DELTAS));
                AssistantsServer server = start(dataDir, upstream)) {
            BenchClient client = new BenchClient(server.baseUrl(), upstream.baseUrl());
            Map<String, String> assistants = new LinkedHashMap<>();
            for (String adapter : ADAPTERS) {
                assistants.put(adapter, client.createAssistant(adapter + "-model"));
            }
            PROGRESS.print("warm-up: %d rounds", warmup);
            measure(client, assistants, warmup);
            PROGRESS.print("measuring: %d rounds", iterations);
            Map<String, Samples> samples = measure(client, assistants, iterations);
            System.out.print(report(warmup, iterations, samples));
        } finally {
            BenchFiles.deleteRecursively(dataDir);
        }
    }

    private static AssistantsServer start(Path dataDir, FakeUpstream upstream) {
        List<ModelRoute> routes = new ArrayList<>();
        routes.add(route("openai", upstream.baseUrl()));
        routes.add(route("anthropic", upstream.endpoint()));
        routes.add(route("gemini", upstream.endpoint()));
        return AssistantsServer.builder()
                .options(ServerOptions.local(dataDir))
                .config(new ServerConfig(routes, Optional.empty(), Optional.empty()))
                .start();
    }

    private static ModelRoute route(String provider, String apiBase) {
        return new ModelRoute(
                provider + "-model",
                provider,
                "bench-" + provider,
                Optional.of(apiBase),
                Optional.of("sk-bench-upstream"),
                Optional.empty());
    }

    private static Map<String, Samples> measure(BenchClient client, Map<String, String> assistants, int rounds)
            throws IOException, InterruptedException {
        Map<String, Samples> samples = new LinkedHashMap<>();
        ADAPTERS.forEach(adapter -> samples.put(adapter, new Samples()));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < ADAPTERS.size(); k++) {
                String adapter = ADAPTERS.get((round + k) % ADAPTERS.size());
                String thread = client.createThread();
                samples.get(adapter).add(client.serverFirstDelta(thread, assistants.get(adapter)));
            }
        }
        return samples;
    }

    private static String report(int warmup, int iterations, Map<String, Samples> samples) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "Upstream reply: %d text deltas, no delay, in each provider's wire protocol. Warm-up: %d rounds, then"
                        + " %d measured rounds at concurrency 1, each one run per adapter in a rotating order.%n%n",
                DELTAS.length,
                warmup,
                iterations));
        out.append("| adapter | runs | first delta p50 / p90 / p99 | **added vs OpenAI-compatible p50 / p99** |\n");
        out.append("|---|---:|---:|---:|\n");
        Samples base = samples.get("openai");
        for (Map.Entry<String, Samples> entry : samples.entrySet()) {
            Samples s = entry.getValue();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f / %.2f / %.2f ms | **%+.2f / %+.2f ms** |%n",
                    entry.getKey(),
                    s.count(),
                    s.percentileMillis(50),
                    s.percentileMillis(90),
                    s.percentileMillis(99),
                    s.percentileMillis(50) - base.percentileMillis(50),
                    s.percentileMillis(99) - base.percentileMillis(99)));
        }
        return out.toString();
    }
}
