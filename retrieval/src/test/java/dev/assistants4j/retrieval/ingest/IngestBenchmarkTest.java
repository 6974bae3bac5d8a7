package dev.assistants4j.retrieval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.search.TextChunk;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures ingestion speed; off by default. Run with {@code mvn -pl retrieval -am test -Dtest=IngestBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Da4j.bench=true} (optionally {@code -Da4j.bench.parallelism=2
 * -Da4j.bench.intraOp=1 -Da4j.bench.windowsPerCall=1 -Da4j.bench.file=false}); the numbers are printed to the test output.
 */
@EnabledIfSystemProperty(named = "a4j.bench", matches = "true")
class IngestBenchmarkTest {

    @Test
    void measure() throws Exception {
        int parallelism =
                Integer.getInteger("a4j.bench.parallelism", Runtime.getRuntime().availableProcessors());
        int intraOp = Integer.getInteger("a4j.bench.intraOp", 1);
        int perCall = Integer.getInteger("a4j.bench.windowsPerCall", LocalEmbedder.WINDOWS_PER_CALL);
        Path cache = Files.createTempDirectory("djl-cache");
        TokenChunker chunker = new TokenChunker();
        TikaTextExtractor extractor = new TikaTextExtractor();
        try (LocalEmbedder embedder = LocalEmbedder.create(cache, parallelism, intraOp, perCall)) {
            long start = System.nanoTime();
            embedder.embed(List.of("load"));
            report(
                    "parallelism=%d intraOp=%d windowsPerCall=%d: model load + first sentence %d ms",
                    parallelism, intraOp, perCall, millis(start));

            List<String> sentences = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sentences.add("Sentence number " + i + " is about a cat sitting on a mat.");
            }
            start = System.nanoTime();
            for (String sentence : sentences) {
                embedder.embed(List.of(sentence));
            }
            report("short sentence, one per call: %.2f ms", millis(start) / 100.0);

            // distinct texts for each measure, so that no window is already cached
            List<String> cold = chunker.chunk(SampleText.prose(450_000, 9), 800, 0).stream()
                    .map(TextChunk::text)
                    .toList();
            embedder.embed(cold.subList(0, 2)); // warm up
            start = System.nanoTime();
            for (String chunk : cold.subList(2, 18)) {
                embedder.embed(List.of(chunk));
            }
            report("800-token chunk, one per call, nothing cached: %.1f ms", millis(start) / 16.0);
            start = System.nanoTime();
            long cpu = cpuMillis();
            embedder.embed(cold.subList(18, 82));
            long batch = millis(start);
            report(
                    "embed(64 distinct non-overlapping 800-token chunks): %d ms = %.1f chunks/s (process CPU %d ms)",
                    batch, 64 * 1000.0 / batch, cpuMillis() - cpu);
            List<String> overlapping = chunker.chunk(SampleText.prose(150_000, 11), 800, 400).stream()
                    .map(TextChunk::text)
                    .limit(64)
                    .toList();
            start = System.nanoTime();
            cpu = cpuMillis();
            embedder.embed(overlapping);
            batch = millis(start);
            report(
                    "embed(64 consecutive 800/400 chunks of one file): %d ms = %.1f chunks/s (process CPU %d ms)",
                    batch, 64 * 1000.0 / batch, cpuMillis() - cpu);

            if (!Boolean.parseBoolean(System.getProperty("a4j.bench.file", "true"))) {
                return;
            }
            byte[] file = SampleText.prose(1_000_000, 10).getBytes(StandardCharsets.UTF_8);
            start = System.nanoTime();
            cpu = cpuMillis();
            String text = extractor.extract("big.txt", new ByteArrayInputStream(file));
            long extracted = millis(start);
            List<TextChunk> fileChunks = chunker.chunk(text, 800, 400);
            long chunked = millis(start);
            List<float[]> vectors =
                    embedder.embed(fileChunks.stream().map(TextChunk::text).toList());
            long total = millis(start);
            report(
                    "1 MB text file: extract %d ms, chunk %d ms, embed %d ms (%d chunks, %.1f chunks/s), total %.1f s"
                            + " (process CPU %.1f s, load average %.1f)",
                    extracted,
                    chunked - extracted,
                    total - chunked,
                    fileChunks.size(),
                    fileChunks.size() * 1000.0 / (total - chunked),
                    total / 1000.0,
                    (cpuMillis() - cpu) / 1000.0,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            assertThat(vectors).hasSize(fileChunks.size());
        }
    }

    private static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String format, Object... args) {
        System.out.println("BENCH " + String.format(format, args));
    }
}
