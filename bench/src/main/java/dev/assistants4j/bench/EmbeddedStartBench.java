package dev.assistants4j.bench;

import dev.assistants4j.client.AssistantEventHandler;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.AssistantThread;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long a Java app using the in-process transport takes from its process start to its first completed run: each
 * sample is a fresh JVM (this JVM's java and class path) that opens {@code Assistants4j.embedded()} on a config routing
 * {@code gpt-4o-mini} to a fake upstream in this JVM, creates an assistant and a thread, and streams one run to its end.
 * Cold: a new data dir each time (the store is created); warm: the data dir of the previous sample. The baseline is a
 * JVM that starts and exits at once, on the same machine in the same run. The parent measures from spawning the child
 * to the child's report; the child adds where its time went. A third case runs the warm start with a dynamic AppCDS
 * archive, written by one training run before the samples ({@code -XX:+AutoCreateSharedArchive}, JDK 19+), as an app
 * can do with one JVM flag; on JDK 25 a fourth with an AOT cache (classes loaded and linked ahead of time, JEP 483
 * and 514), written by one training run with {@code -XX:AOTCacheOutput}.
 *
 * <p>Options: {@code --iterations N} (default 5) per case, {@code --data-dir DIR} where the data dirs go.
 */
public final class EmbeddedStartBench {

    private static final String DONE = "first-run ";

    private EmbeddedStartBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Path.of(args[2]));
            return;
        }
        BenchArgs options = BenchArgs.parse(args, "--iterations");
        int iterations = options.positive("--iterations", 5);
        Path work = Files.createTempDirectory(options.dataDirParent(), "embedded-start-");
        try (FakeUpstream upstream = FakeUpstream.start()) {
            upstream.defaultReply(Reply.text("Hello", " there."));
            Samples baseline = new Samples();
            Samples cold = new Samples();
            Samples warm = new Samples();
            Samples archived = new Samples();
            List<String> phases = new ArrayList<>();
            List<String> cds =
                    List.of("-XX:SharedArchiveFile=" + work.resolve("app.jsa"), "-XX:+AutoCreateSharedArchive");
            Path cdsData = work.resolve("data-cds");
            spawn(childArgs(cds, upstream, cdsData), work.resolve("cds-training.log"), true); // writes the archive
            boolean aotCache = Runtime.version().feature() >= 25; // JEP 483/514: classes loaded and linked ahead
            Samples aot = new Samples();
            Path aotData = work.resolve("data-aot");
            if (aotCache) {
                spawn(
                        childArgs(List.of("-XX:AOTCacheOutput=" + work.resolve("app.aot")), upstream, aotData),
                        work.resolve("aot-training.log"),
                        true);
            }
            for (int i = 0; i < iterations; i++) {
                baseline.add(spawn(List.of("-version"), work.resolve("baseline-" + i + ".log"), false));
                Path dataDir = work.resolve("data-" + i);
                cold.add(spawn(childArgs(List.of(), upstream, dataDir), work.resolve("cold-" + i + ".log"), true));
                phases.add(lastReport(work.resolve("cold-" + i + ".log")));
                warm.add(spawn(childArgs(List.of(), upstream, dataDir), work.resolve("warm-" + i + ".log"), true));
                phases.add(lastReport(work.resolve("warm-" + i + ".log")));
                archived.add(spawn(childArgs(cds, upstream, cdsData), work.resolve("cds-" + i + ".log"), true));
                phases.add(lastReport(work.resolve("cds-" + i + ".log")));
                if (aotCache) {
                    List<String> useAot = List.of("-XX:AOTCache=" + work.resolve("app.aot"));
                    aot.add(spawn(childArgs(useAot, upstream, aotData), work.resolve("aot-" + i + ".log"), true));
                    phases.add(lastReport(work.resolve("aot-" + i + ".log")));
                }
            }
            System.out.printf(
                    "In-process transport: process start to the first completed run (streamed), %d samples each%n%n",
                    iterations);
            System.out.println("| case | samples | p50 | p95 | max |");
            System.out.println("|---|---|---|---|---|");
            System.out.print(baseline.row("baseline: `java -version`"));
            System.out.print(cold.row("cold: new data dir"));
            System.out.print(warm.row("warm: existing data dir"));
            System.out.print(archived.row("warm, with an AppCDS archive (`-XX:+AutoCreateSharedArchive`)"));
            if (aotCache) {
                System.out.print(
                        aot.row("warm, with an AOT cache (JDK 25: `-XX:AOTCacheOutput`, then `-XX:AOTCache`)"));
            }
            System.out.printf(
                    "%nAdded over the baseline at p50: cold %.0f ms, warm %.0f ms, warm with the archive %.0f ms."
                            + " Target: under 2,000 ms to the first run.%n",
                    cold.percentileMillis(50) - baseline.percentileMillis(50),
                    warm.percentileMillis(50) - baseline.percentileMillis(50),
                    archived.percentileMillis(50) - baseline.percentileMillis(50));
            System.out.println("\nIn the child, last samples (cold, warm, archive, AOT cache): ms in"
                    + " Assistants4j.embedded(…).build() (`open`), then to the end of the first run (`run`); the rest"
                    + " is the JVM's start and loading the app's main class:");
            phases.subList(Math.max(0, phases.size() - (aotCache ? 4 : 3)), phases.size())
                    .forEach(p -> System.out.println("- " + p));
        }
    }

    private static List<String> childArgs(List<String> jvmOptions, FakeUpstream upstream, Path dataDir) {
        List<String> args = new ArrayList<>(jvmOptions);
        args.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedStartBench.class.getName(),
                "--child",
                upstream.baseUrl(),
                dataDir.toString()));
        return args;
    }

    /** Runs a child JVM and returns its time in nanoseconds, to its report line (or its exit for the baseline). */
    private static long spawn(List<String> jvmArgs, Path log, boolean expectReport)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ASSISTANTS4J_LOG_LEVEL", "WARN");
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not finish; see " + log);
        }
        long exited = System.nanoTime() - start;
        if (!expectReport) {
            return exited;
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("child failed (" + process.exitValue() + "); see " + log);
        }
        String report = lastReport(log);
        long doneMillis = Long.parseLong(field(report, "at"));
        return (doneMillis - startMillis) * 1_000_000L;
    }

    private static String lastReport(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.startsWith(DONE))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no report in " + log));
    }

    private static String field(String report, String name) {
        for (String part : report.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + report);
    }

    /** The app: open the embedded client, stream one run to its end, report the wall-clock time, close. */
    private static void child(String upstreamBaseUrl, Path dataDir) {
        long mainAt = System.currentTimeMillis();
        String config = """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %s
                      api_key: sk-bench
                """.formatted(upstreamBaseUrl);
        try (Assistants4j client = Assistants4j.embedded()
                .configYaml(config)
                .dataDir(dataDir)
                .environment(Map.of())
                .build()) {
            long openedAt = System.currentTimeMillis();
            Assistant assistant = client.createAssistant(
                    AssistantParams.builder("gpt-4o-mini").name("bench").build());
            AssistantThread thread = client.createThread();
            client.addMessage(thread.id(), "Hello?");
            Run run = client.runThreadStream(thread.id(), RunParams.of(assistant.id()), new AssistantEventHandler() {});
            long doneAt = System.currentTimeMillis();
            if (run.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("run ended " + run.status());
            }
            System.out.printf("%sat=%d open=%d run=%d%n", DONE, doneAt, openedAt - mainAt, doneAt - openedAt);
        }
    }
}
