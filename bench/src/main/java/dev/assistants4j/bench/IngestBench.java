package dev.assistants4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.search.Embedder;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.retrieval.index.LuceneChunkIndex;
import dev.assistants4j.retrieval.ingest.LocalEmbedder;
import dev.assistants4j.retrieval.ingest.TikaTextExtractor;
import dev.assistants4j.retrieval.ingest.TokenChunker;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.config.ServerConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Time to ingest a text file into a vector store, end to end, as a client sees it: from {@code POST
 * /vector_stores/{id}/files} until {@code GET} of the vector store file shows {@code completed} (polled every {@value
 * #POLL_MILLIS} ms).
 *
 * <p>One JVM holds a real {@link AssistantsServer} on a temporary data dir, with the components the server's default
 * retrieval uses (Tika, cl100k token chunks, the local quantised MiniLM, the Lucene index in {@code <data>/index}),
 * each wrapped to add up the time spent in it, which gives the breakdown (extract, chunk, embed, index) of the same
 * run. Files are deterministic English prose ({@link ProseText}), each with its own seed so no window of one is cached
 * from another, and use the default chunking strategy (auto: 800 tokens, 400 overlap).
 *
 * <p>Runs, in order: <b>cold</b> (the first file of the fresh JVM: the model loads during it), a small file (so that
 * the model is loaded whatever the order), then {@code --warm-runs} <b>warm</b> files. The headline is the warm median.
 *
 * <p>Options: {@code --bytes N} (file size, default 1,000,000), {@code --warm-runs N} (default 2), {@code --seed S},
 * {@code --data-dir DIR} (parent of the temporary data dir). Prints a Markdown report to standard output.
 */
public final class IngestBench {

    private static final Progress PROGRESS = new Progress("bench");

    static final double TARGET_SECONDS = 30;
    static final long POLL_MILLIS = 20;
    private static final int SMALL_FILE_BYTES = 4_000;
    private static final long DEADLINE_SECONDS = 1_800;

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dataDir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-ingest-bench-");
        double[] loadBefore = loadAverage();
        try {
            TimedRetrieval timed = new TimedRetrieval(defaultRetrieval(dataDir));
            List<Run> runs = new ArrayList<>();
            try (AssistantsServer server = AssistantsServer.builder()
                    .options(ServerOptions.local(dataDir))
                    .config(new ServerConfig(List.of(), Optional.empty(), Optional.empty()))
                    .retrieval(timed.retrieval())
                    .start()) {
                VectorStoreClient client = new VectorStoreClient(server.baseUrl());
                String store = client.createVectorStore("ingest-bench");
                Ingestion ingestion = new Ingestion(client, store, timed);
                PROGRESS.print("cold: %d bytes", options.bytes());
                runs.add(ingestion.run("cold", ProseText.generate(options.bytes(), options.seed())));
                PROGRESS.print("small file (%d bytes)", SMALL_FILE_BYTES);
                runs.add(ingestion.run("small file", ProseText.generate(SMALL_FILE_BYTES, options.seed() + 1)));
                for (int i = 1; i <= options.warmRuns(); i++) {
                    PROGRESS.print("warm %d of %d", i, options.warmRuns());
                    runs.add(ingestion.run("warm " + i, ProseText.generate(options.bytes(), options.seed() + 1 + i)));
                }
            }
            System.out.print(report(options, dataDir, runs, loadBefore, loadAverage()));
        } finally {
            BenchFiles.deleteRecursively(dataDir);
        }
    }

    /** What {@code DefaultRetrieval} builds for a config without an embedding model (the server's default). */
    private static Retrieval defaultRetrieval(Path dataDir) {
        Embedder embedder = LocalEmbedder.create(dataDir.resolve("cache").resolve("djl"));
        LuceneChunkIndex index =
                LuceneChunkIndex.open(dataDir.resolve("index"), embedder.name(), embedder.dimensions());
        return new Retrieval(new TikaTextExtractor(), new TokenChunker(), embedder, index);
    }

    /** Uploads, adds and waits, one file at a time. */
    private record Ingestion(VectorStoreClient client, String store, TimedRetrieval timed) {

        Run run(String name, String text) throws IOException, InterruptedException {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            String fileId = client.upload(name.replace(' ', '-') + ".txt", content);
            timed.reset();
            double loadStart = loadAverage()[0];
            long cpu = TimedRetrieval.processCpuNanos();
            long start = System.nanoTime();
            client.addFile(store, fileId);
            JsonNode file = waitUntilDone(fileId, start);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (TimedRetrieval.processCpuNanos() - cpu) / 1e9;
            if (!file.path("status").asText().equals("completed")) {
                throw new IllegalStateException(name + ": the file ended " + file);
            }
            int chunks = timed.retrieval().index().chunkCount(store, fileId);
            return new Run(
                    name,
                    content.length,
                    chunks,
                    seconds,
                    cpuSeconds,
                    Breakdown.of(timed),
                    loadStart,
                    loadAverage()[0]);
        }

        private JsonNode waitUntilDone(String fileId, long start) throws IOException, InterruptedException {
            while (true) {
                JsonNode file = client.vectorStoreFile(store, fileId);
                if (!file.path("status").asText().equals("in_progress")) {
                    return file;
                }
                if (System.nanoTime() - start > DEADLINE_SECONDS * 1_000_000_000L) {
                    throw new IllegalStateException("the file is still in progress after " + DEADLINE_SECONDS + " s");
                }
                Thread.sleep(POLL_MILLIS); // polling interval of a client, not synchronisation
            }
        }
    }

    /** Wall and process CPU seconds in each stage of one run. */
    record Breakdown(
            double extract,
            double chunk,
            double embed,
            double index,
            double embedCpu,
            long embedCalls,
            double firstEmbed) {
        static Breakdown of(TimedRetrieval timed) {
            return new Breakdown(
                    timed.extract.wallSeconds(),
                    timed.chunk.wallSeconds(),
                    timed.embed.wallSeconds(),
                    timed.index.wallSeconds(),
                    timed.embed.cpuSeconds(),
                    timed.embed.calls(),
                    timed.embed.firstCallSeconds());
        }
    }

    /** One measured file. */
    record Run(
            String name,
            int bytes,
            int chunks,
            double seconds,
            double cpuSeconds,
            Breakdown stages,
            double loadStart,
            double loadEnd) {
        double chunksPerSecond() {
            return chunks / seconds;
        }
    }

    private static String report(Options options, Path dataDir, List<Run> runs, double[] before, double[] after) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "File: %,d bytes of generated English prose (`ProseText`, seed %d and up), uploaded with `POST /files`,"
                        + " added with `POST /vector_stores/{id}/files` (chunking auto: 800 tokens, 400 overlap);"
                        + " timed until `GET` shows `completed` (polled every %d ms). Server: `AssistantsServer`,"
                        + " local all-MiniLM-L6-v2 int8 (ONNX Runtime, %d threads available), Lucene index."
                        + " Data dir: %s (%s).%n%n",
                options.bytes(),
                options.seed(),
                POLL_MILLIS,
                Runtime.getRuntime().availableProcessors(),
                dataDir,
                BenchFiles.fileSystem(dataDir)));
        out.append("| run | bytes | chunks | **wall** | chunks/s | process CPU | extract | chunk | embed (CPU) "
                + "| index add | other | load avg start → end |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            Breakdown s = r.stages();
            double other = r.seconds() - s.extract() - s.chunk() - s.embed() - s.index();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | **%.1f s** | %.1f | %.1f s | %.2f s | %.2f s | %.1f s (%.1f s) | %.2f s "
                            + "| %.2f s | %.2f → %.2f |%n",
                    r.name(),
                    r.bytes(),
                    r.chunks(),
                    r.seconds(),
                    r.chunksPerSecond(),
                    r.cpuSeconds(),
                    s.extract(),
                    s.chunk(),
                    s.embed(),
                    s.embedCpu(),
                    s.index(),
                    other,
                    r.loadStart(),
                    r.loadEnd()));
        }
        List<Run> warm = runs.stream().filter(r -> r.name().startsWith("warm")).toList();
        Run cold = runs.get(0);
        double warmSeconds = median(warm.stream().map(Run::seconds).toList());
        double warmCpu = median(warm.stream().map(Run::cpuSeconds).toList());
        double warmRate = median(warm.stream().map(Run::chunksPerSecond).toList());
        double warmCall = median(warm.stream()
                .map(r -> r.stages().embed() / Math.max(1, r.stages().embedCalls()))
                .toList());
        out.append(String.format(
                Locale.ROOT,
                "%nHeadline (warm: the model already loaded, median of %d): **%.1f s** for %,d bytes, %.1f chunks/s,"
                        + " process CPU %.1f s. Cold (first file of a fresh JVM): %.1f s; its first embedding call"
                        + " (the model load plus a %d-chunk batch) took %.1f s against %.1f s for a warm call.%n",
                warm.size(),
                warmSeconds,
                options.bytes(),
                warmRate,
                warmCpu,
                cold.seconds(),
                Math.min(64, cold.chunks()),
                cold.stages().firstEmbed(),
                warmCall));
        out.append(String.format(
                Locale.ROOT,
                "Load average (1/5/15 min) at the start: %.2f %.2f %.2f; at the end: %.2f %.2f %.2f. Process CPU counts"
                        + " every JVM thread (the run's share of 2 cores: CPU ÷ wall).%n",
                before[0],
                before[1],
                before[2],
                after[0],
                after[1],
                after[2]));
        out.append(String.format(
                Locale.ROOT,
                "%nTarget: warm ingestion of a 1 MB text file <= %.0f s: %s (%.1f s).%n",
                TARGET_SECONDS,
                warmSeconds <= TARGET_SECONDS ? "met" : "**missed**",
                warmSeconds));
        return out.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
    static double[] loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {
                Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])
            };
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] {one, Double.NaN, Double.NaN};
        }
    }

    /** The command-line options. */
    record Options(int bytes, int warmRuns, long seed, Path dataDirParent) {
        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(args, "--bytes", "--warm-runs", "--seed");
            return new Options(
                    options.positive("--bytes", 1_000_000),
                    options.positive("--warm-runs", 2),
                    options.integer("--seed", 42),
                    options.dataDirParent());
        }
    }
}
