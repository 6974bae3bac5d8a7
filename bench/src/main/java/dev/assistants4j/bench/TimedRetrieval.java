package dev.assistants4j.bench;

import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.Chunker;
import dev.assistants4j.core.search.Embedder;
import dev.assistants4j.core.search.ExtractionException;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.search.TextChunk;
import dev.assistants4j.core.search.TextExtractor;
import dev.assistants4j.testkit.retrieval.ForwardingChunkIndex;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps the four retrieval components the server ingests with, adding up the wall-clock and process CPU time spent in
 * each (extract, chunk, embed, index add) so one end-to-end run also gives its breakdown. The wrappers only forward
 * and read two clocks per call. Process CPU counts every thread of the JVM (the embedder's own threads included), so a
 * stage's CPU is exact only while ingestion is the only work, as in the benchmark.
 */
final class TimedRetrieval {

    /** The time one stage has taken since the last {@link #reset()}. */
    static final class Stage {
        private final AtomicLong wallNanos = new AtomicLong();
        private final AtomicLong cpuNanos = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong firstCallNanos = new AtomicLong(-1);

        <T> T time(Call<T> call) throws ExtractionException {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            try {
                return call.run();
            } finally {
                long took = System.nanoTime() - start;
                wallNanos.addAndGet(took);
                cpuNanos.addAndGet(processCpuNanos() - cpu);
                firstCallNanos.compareAndSet(-1, took);
                calls.incrementAndGet();
            }
        }

        double wallSeconds() {
            return wallNanos.get() / 1e9;
        }

        double cpuSeconds() {
            return cpuNanos.get() / 1e9;
        }

        long calls() {
            return calls.get();
        }

        /** The first call's wall time since the last reset, or 0. */
        double firstCallSeconds() {
            return Math.max(0, firstCallNanos.get()) / 1e9;
        }

        void reset() {
            wallNanos.set(0);
            cpuNanos.set(0);
            calls.set(0);
            firstCallNanos.set(-1);
        }
    }

    /** A timed call. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws ExtractionException;
    }

    final Stage extract = new Stage();
    final Stage chunk = new Stage();
    final Stage embed = new Stage();
    final Stage index = new Stage();
    private final Retrieval timed;

    TimedRetrieval(Retrieval real) {
        this.timed = new Retrieval(
                new TimedExtractor(real.extractor()),
                new TimedChunker(real.chunker()),
                new TimedEmbedder(real.embedder()),
                new TimedIndex(real.index()));
    }

    /** The wrapped components, to hand to the server. */
    Retrieval retrieval() {
        return timed;
    }

    void reset() {
        List.of(extract, chunk, embed, index).forEach(Stage::reset);
    }

    /** The JVM's CPU time so far (all threads), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static <T> T unchecked(Stage stage, Call<T> call) {
        try {
            return stage.time(call);
        } catch (ExtractionException e) {
            throw new IllegalStateException(e); // only the extractor throws it, and it is timed with time()
        }
    }

    private final class TimedExtractor implements TextExtractor {
        private final TextExtractor real;

        TimedExtractor(TextExtractor real) {
            this.real = real;
        }

        @Override
        public String extract(String filename, InputStream content) throws ExtractionException {
            return extract.time(() -> real.extract(filename, content));
        }
    }

    private final class TimedChunker implements Chunker {
        private final Chunker real;

        TimedChunker(Chunker real) {
            this.real = real;
        }

        @Override
        public List<TextChunk> chunk(String text, int maxTokens, int overlapTokens) {
            return unchecked(chunk, () -> real.chunk(text, maxTokens, overlapTokens));
        }

        @Override
        public int countTokens(String text) {
            return real.countTokens(text);
        }
    }

    /** Closes the real embedder when the server closes this one. */
    private final class TimedEmbedder implements Embedder, AutoCloseable {
        private final Embedder real;

        TimedEmbedder(Embedder real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public int dimensions() {
            return real.dimensions();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return unchecked(embed, () -> real.embed(texts));
        }

        @Override
        public void close() throws Exception {
            if (real instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private final class TimedIndex extends ForwardingChunkIndex {

        TimedIndex(ChunkIndex real) {
            super(real);
        }

        @Override
        public void add(List<IndexedChunk> chunks) {
            unchecked(index, () -> {
                super.add(chunks);
                return null;
            });
        }
    }
}
