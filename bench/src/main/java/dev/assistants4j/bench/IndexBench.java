package dev.assistants4j.bench;

import dev.assistants4j.bench.SyntheticCorpus.SyntheticFile;
import dev.assistants4j.bench.SyntheticCorpus.SyntheticQuery;
import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import dev.assistants4j.retrieval.index.IndexTuning;
import dev.assistants4j.retrieval.index.LuceneChunkIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/**
 * Recall and latency of {@link LuceneChunkIndex} on 100,000 synthetic 384-dimensional chunks (see {@link
 * SyntheticCorpus}): one big vector store with about 80% of them and four small ones.
 *
 * <p>Build: the files are added with {@link LuceneChunkIndex#add}, {@code --files-per-add} files per call (default
 * 10; each call is a durable commit and a refresh, so 1 is what a server adding files one by one does, at about
 * twice the build time on a busy disk). Recall@10: the vector-only path (a query whose text has no terms runs only the HNSW search, with the
 * same {@code k} as the hybrid search's vector half, whose top 10 it therefore equals) against an exact brute-force
 * top 10 over the same vector store. Latency: the full hybrid search (HNSW + BM25 + fusion + loading the hits), one
 * thread, limit 10 and limit 20, after a warm-up. Queries are fresh points of the chunks' distribution (a new file of
 * an existing topic) with a three-word text.
 *
 * <p>Options: {@code --chunks N} (100000), {@code --dims N} (384), {@code --topics N} (1000), {@code --stores N} (5),
 * {@code --queries N} (1000), {@code --warmup N} (300), {@code --m N} / {@code --beam-width N} (HNSW, default {@link
 * IndexTuning#DEFAULTS}), {@code --candidates 50,100} (each value is measured; default the tuning's), {@code
 * --data-dir DIR} (parent of the temporary index), {@code --seed N}.
 */
public final class IndexBench {

    private static final Progress PROGRESS = new Progress("index bench");

    static final double TARGET_RECALL = 0.99;
    static final double TARGET_P95_MS = 10.0;
    private static final String BIG_STORE = "vs_0";
    private static final String SMALL_STORE = "vs_1";
    private static final double BIG_SHARE = 0.8;
    private static final int RECALL_AT = 10;

    private IndexBench() {}

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        PROGRESS.print("generating %d chunks of %d dimensions", options.chunks(), options.dims());
        SyntheticCorpus corpus = new SyntheticCorpus(options.dims(), options.topics(), options.seed());
        List<SyntheticFile> files = corpus.files(options.chunks(), options.stores(), BIG_SHARE);
        List<SyntheticQuery> queries = new ArrayList<>();
        List<SyntheticQuery> warmup = new ArrayList<>();
        for (int i = 0; i < options.queries(); i++) {
            queries.add(corpus.query(topicOfRandomFile(files, i, BIG_STORE)));
        }
        for (int i = 0; i < options.warmup(); i++) {
            warmup.add(corpus.query(topicOfRandomFile(files, i * 7 + 3, BIG_STORE)));
        }
        Path dir = Files.createTempDirectory(options.dataDirParent(), "assistants4j-index-bench-");
        try {
            run(options, files, queries, warmup, dir);
        } finally {
            BenchFiles.deleteRecursively(dir);
        }
    }

    private static void run(
            Options options,
            List<SyntheticFile> files,
            List<SyntheticQuery> queries,
            List<SyntheticQuery> warmup,
            Path dir)
            throws IOException {
        String loadBefore = loadAverage();
        IndexTuning build = new IndexTuning(options.m(), options.beamWidth(), IndexTuning.DEFAULTS.candidates());
        long started = System.nanoTime();
        try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "bench", options.dims(), build)) {
            for (int from = 0; from < files.size(); from += options.filesPerAdd()) {
                List<IndexedChunk> batch =
                        files.subList(from, Math.min(from + options.filesPerAdd(), files.size())).stream()
                                .flatMap(f -> f.chunks().stream())
                                .toList();
                index.add(batch);
                if ((from / options.filesPerAdd()) % 50 == 49) {
                    PROGRESS.print("added %d of %d files", from + options.filesPerAdd(), files.size());
                }
            }
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        Shape shape = shape(dir);
        PROGRESS.print("built in %.1f s: %d segments, %.0f MB", buildSeconds, shape.segments(), shape.megabytes());

        PROGRESS.print("exact top %d by brute force", RECALL_AT);
        Exact bigExact = Exact.of(files, BIG_STORE, queries, RECALL_AT);
        List<SyntheticQuery> smallQueries = queries.subList(0, Math.min(200, queries.size()));
        Exact smallExact = Exact.of(files, SMALL_STORE, smallQueries, RECALL_AT);

        List<Measured> results = new ArrayList<>();
        for (int candidates : options.candidates()) {
            IndexTuning tuning = new IndexTuning(options.m(), options.beamWidth(), candidates);
            try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "bench", options.dims(), tuning)) {
                PROGRESS.print("candidates %d: warm-up, recall, latency", candidates);
                for (SyntheticQuery q : warmup) {
                    index.search(hybrid(q, 10));
                    index.search(vectorOnly(q, BIG_STORE, RECALL_AT));
                }
                double recall = recall(index, queries, BIG_STORE, bigExact);
                double smallRecall = recall(index, smallQueries, SMALL_STORE, smallExact);
                Timings vector = latency(index, queries, q -> vectorOnly(q, BIG_STORE, 10));
                Timings limit10 = latency(index, queries, q -> hybrid(q, 10));
                Timings limit20 = latency(index, queries, q -> hybrid(q, 20));
                results.add(new Measured(candidates, recall, smallRecall, vector, limit10, limit20));
            }
        }
        System.out.print(report(options, files, buildSeconds, shape, dir, results, loadBefore, loadAverage()));
    }

    private static int topicOfRandomFile(List<SyntheticFile> files, int i, String store) {
        // deterministic walk over the store's files, weighted by file count like the corpus
        for (int step = 0; ; step++) {
            SyntheticFile file = files.get(Math.floorMod((long) (i + step) * 7919L, files.size()));
            if (file.vectorStoreId().equals(store)) {
                return file.topic();
            }
        }
    }

    static ChunkQuery hybrid(SyntheticQuery q, int limit) {
        return new ChunkQuery(Set.of(BIG_STORE), Optional.empty(), q.text(), q.vector(), limit);
    }

    static ChunkQuery vectorOnly(SyntheticQuery q, String store, int limit) {
        return new ChunkQuery(Set.of(store), Optional.empty(), "", q.vector(), limit);
    }

    private static double recall(LuceneChunkIndex index, List<SyntheticQuery> queries, String store, Exact exact) {
        long found = 0;
        for (int i = 0; i < queries.size(); i++) {
            Set<String> truth = exact.top().get(i);
            for (ChunkHit hit : index.search(vectorOnly(queries.get(i), store, RECALL_AT))) {
                if (truth.contains(key(hit.fileId(), hit.index()))) {
                    found++;
                }
            }
        }
        return found / (double) (queries.size() * RECALL_AT);
    }

    private static Timings latency(
            LuceneChunkIndex index, List<SyntheticQuery> queries, Function<SyntheticQuery, ChunkQuery> query) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Timings timings = new Timings(new Samples(), new Samples());
        for (SyntheticQuery q : queries) {
            ChunkQuery chunkQuery = query.apply(q);
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            List<ChunkHit> hits = index.search(chunkQuery);
            timings.wall().add(System.nanoTime() - start);
            timings.cpu().add(threads.getCurrentThreadCpuTime() - cpu);
            if (hits.isEmpty()) {
                throw new IllegalStateException("a benchmark query found nothing");
            }
        }
        return timings;
    }

    /** Wall-clock and on-CPU time of the same searches (the second excludes waiting for a busy machine's cores). */
    private record Timings(Samples wall, Samples cpu) {

        String format() {
            return String.format(
                    Locale.ROOT,
                    "%.2f / **%.2f** / %.2f ms (CPU %.2f / %.2f)",
                    wall.percentileMillis(50),
                    wall.percentileMillis(95),
                    wall.percentileMillis(99),
                    cpu.percentileMillis(50),
                    cpu.percentileMillis(95));
        }
    }

    static String key(String fileId, int index) {
        return fileId + "#" + index;
    }

    /** The exact nearest chunks of each query within one vector store, by dot product. */
    private record Exact(List<Set<String>> top) {

        static Exact of(List<SyntheticFile> files, String store, List<SyntheticQuery> queries, int k) {
            List<IndexedChunk> chunks = files.stream()
                    .filter(f -> f.vectorStoreId().equals(store))
                    .flatMap(f -> f.chunks().stream())
                    .toList();
            List<Set<String>> top = queries.parallelStream()
                    .map(q -> nearest(chunks, q.vector(), k))
                    .toList();
            return new Exact(top);
        }

        private static Set<String> nearest(List<IndexedChunk> chunks, float[] query, int k) {
            int[] best = new int[k];
            float[] bestScore = new float[k];
            java.util.Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
            for (int c = 0; c < chunks.size(); c++) {
                float score = org.apache.lucene.util.VectorUtil.dotProduct(
                        query, chunks.get(c).vector());
                if (score <= bestScore[k - 1]) {
                    continue;
                }
                int at = k - 1;
                while (at > 0 && bestScore[at - 1] < score) {
                    bestScore[at] = bestScore[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                bestScore[at] = score;
                best[at] = c;
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < k; i++) {
                IndexedChunk chunk = chunks.get(best[i]);
                keys.add(key(chunk.fileId(), chunk.index()));
            }
            return keys;
        }
    }

    private record Shape(int segments, double megabytes) {}

    private static Shape shape(Path dir) throws IOException {
        int segments;
        try (FSDirectory directory = FSDirectory.open(dir);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            segments = reader.leaves().size();
        }
        long bytes;
        try (Stream<Path> paths = Files.list(dir)) {
            bytes = paths.mapToLong(p -> p.toFile().length()).sum();
        }
        return new Shape(segments, bytes / 1048576.0);
    }

    private record Measured(
            int candidates, double recall, double smallRecall, Timings vectorOnly, Timings limit10, Timings limit20) {

        boolean met() {
            return recall >= TARGET_RECALL
                    && limit10.wall().percentileMillis(95) <= TARGET_P95_MS
                    && limit20.wall().percentileMillis(95) <= TARGET_P95_MS;
        }
    }

    private static String report(
            Options options,
            List<SyntheticFile> files,
            double buildSeconds,
            Shape shape,
            Path dir,
            List<Measured> results,
            String loadBefore,
            String loadAfter) {
        long bigChunks = files.stream()
                .filter(f -> f.vectorStoreId().equals(BIG_STORE))
                .mapToLong(f -> f.chunks().size())
                .sum();
        long smallChunks = files.stream()
                .filter(f -> f.vectorStoreId().equals(SMALL_STORE))
                .mapToLong(f -> f.chunks().size())
                .sum();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Corpus: %d chunks of %d dimensions in %d files, added %d files per `add` call (%d calls, each a durable "
                        + "commit and a refresh), %d topics, "
                        + "%d vector stores; the big store `%s` has %d chunks, `%s` %d. Queries: %d fresh points of the "
                        + "chunks' distribution in the big store, with 3-word texts; %d warm-up queries. HNSW: M=%d, "
                        + "beamWidth=%d, DOT_PRODUCT. Index dir: %s (%s).%n%n",
                options.chunks(),
                options.dims(),
                files.size(),
                options.filesPerAdd(),
                (files.size() + options.filesPerAdd() - 1) / options.filesPerAdd(),
                options.topics(),
                options.stores(),
                BIG_STORE,
                bigChunks,
                SMALL_STORE,
                smallChunks,
                options.queries(),
                options.warmup(),
                options.m(),
                options.beamWidth(),
                dir,
                BenchFiles.fileSystem(dir)));
        out.append(String.format(
                Locale.ROOT,
                "Build: **%.1f s** (%.2f ms per chunk), %d segments, %.0f MB on disk.%n%n",
                buildSeconds,
                buildSeconds * 1000 / options.chunks(),
                shape.segments(),
                shape.megabytes()));
        out.append("| candidates (k) | **recall@10** big store | recall@10 `" + SMALL_STORE
                + "` | vector-only p50 / p95 / "
                + "p99 | **hybrid limit 10** p50 / p95 / p99 | **hybrid limit 20** p50 / p95 / p99 |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        for (Measured r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | **%.4f** | %.4f | %s | %s | %s |%n",
                    r.candidates(),
                    r.recall(),
                    r.smallRecall(),
                    r.vectorOnly().format(),
                    r.limit10().format(),
                    r.limit20().format()));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nLoad average (1/5/15 min) before the build: %s; after the last search: %s. Latencies are wall-clock "
                        + "p50 / p95 / p99 of one thread's searches; CPU: that thread's on-CPU time p50 / p95 (without "
                        + "waiting for cores).%n"
                        + "%nRecall@10: the vector-only path (the hybrid search's HNSW half, same k) against an exact brute-force "
                        + "top 10 over the same store. Target: recall@10 >= %.2f and hybrid p95 <= %.0f ms.%n",
                loadBefore,
                loadAfter,
                TARGET_RECALL,
                TARGET_P95_MS));
        for (Measured r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "- candidates %d: %s (recall@10 %.4f, hybrid p95 %.2f / %.2f ms at limit 10 / 20; on-CPU p95 %.2f / %.2f ms)%n",
                    r.candidates(),
                    r.met() ? "met" : "**missed**",
                    r.recall(),
                    r.limit10().wall().percentileMillis(95),
                    r.limit20().wall().percentileMillis(95),
                    r.limit10().cpu().percentileMillis(95),
                    r.limit20().cpu().percentileMillis(95)));
        }
        return out.toString();
    }

    /** The 1, 5 and 15 minute load averages: how busy the machine's cores were. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The command-line options. */
    private record Options(
            int chunks,
            int dims,
            int topics,
            int stores,
            int queries,
            int warmup,
            int filesPerAdd,
            int m,
            int beamWidth,
            List<Integer> candidates,
            Path dataDirParent,
            long seed) {

        static Options parse(String[] args) {
            BenchArgs options = BenchArgs.parse(
                    args,
                    "--chunks",
                    "--dims",
                    "--topics",
                    "--stores",
                    "--queries",
                    "--warmup",
                    "--files-per-add",
                    "--m",
                    "--beam-width",
                    "--candidates",
                    "--seed");
            int stores = options.positive("--stores", 5);
            if (stores < 2) {
                throw new IllegalArgumentException("--stores must be at least 2 (a big one and a small one)");
            }
            return new Options(
                    options.positive("--chunks", 100_000),
                    options.positive("--dims", 384),
                    options.positive("--topics", 1000),
                    stores,
                    options.positive("--queries", 1000),
                    options.positive("--warmup", 300),
                    options.positive("--files-per-add", 10),
                    options.positive("--m", IndexTuning.DEFAULTS.hnswMaxConn()),
                    options.positive("--beam-width", IndexTuning.DEFAULTS.hnswBeamWidth()),
                    options.positives("--candidates", List.of(IndexTuning.DEFAULTS.candidates())),
                    options.dataDirParent(),
                    options.integer("--seed", 42));
        }
    }
}
