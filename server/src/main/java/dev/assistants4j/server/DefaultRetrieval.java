package dev.assistants4j.server;

import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.Embedder;
import dev.assistants4j.core.search.PlatformThreadEmbedder;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.providers.GeminiEmbedder;
import dev.assistants4j.providers.GeminiProvider;
import dev.assistants4j.providers.HttpEmbedder;
import dev.assistants4j.providers.OpenAiEmbedder;
import dev.assistants4j.retrieval.index.LuceneChunkIndex;
import dev.assistants4j.retrieval.ingest.LocalEmbedder;
import dev.assistants4j.retrieval.ingest.TikaTextExtractor;
import dev.assistants4j.retrieval.ingest.TokenChunker;
import dev.assistants4j.server.config.FileSearchConfig;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ResolvedModel;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.server.routing.UpstreamEndpoints;
import dev.assistants4j.store.DataDirectory;
import dev.assistants4j.store.JdbcStores;
import dev.assistants4j.store.LocalChunkIndex;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrieval the server runs file_search on: Tika extraction, cl100k token chunks, the embedding model of the
 * config (the local all-MiniLM-L6-v2 by default, which needs no key and no network; a routed model through {@link
 * #remote}) and the Lucene index in {@code
 * <data>/index}. The local model loads on first use and computes on platform threads (never pinning the carriers of
 * virtual threads); its tokenizer's native library is unpacked into {@code
 * <data>/cache/djl} unless {@code DJL_CACHE_DIR} is set.
 */
final class DefaultRetrieval {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultRetrieval.class);

    /** Where, in the Lucene index's directory, a server on PostgreSQL records which changes the index holds. */
    static final String POSITION_FILE = "replica.position";

    private DefaultRetrieval() {}

    static Retrieval open(Path dataDir, ServerConfig config) {
        DataDirectory.create(dataDir); // the first thing a server start creates in it: owner-only from the start
        return openIndex(dataDir, config);
    }

    /**
     * {@link #open} on a thread of its own once the data dir exists, so that the index opens while the store does
     * (each took a tenth of the server's start).
     */
    static CompletableFuture<Retrieval> openInBackground(Path dataDir, ServerConfig config) {
        DataDirectory.create(dataDir);
        return CompletableFuture.supplyAsync(
                () -> openIndex(dataDir, config),
                task -> Thread.ofPlatform().name("search-index-open").start(task));
    }

    /** What {@code opening} completes with; its failure as it was thrown. */
    static Retrieval await(CompletableFuture<Retrieval> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Closes what {@code opening} opens, once it has: for a start that failed before it took it. */
    static void closeWhenOpen(CompletableFuture<Retrieval> opening) {
        opening.thenAccept(Engine::closeRetrieval);
    }

    private static Retrieval openIndex(Path dataDir, ServerConfig config) {
        long started = System.nanoTime();
        Embedder embedder = embedder(dataDir, config);
        try {
            LuceneChunkIndex index =
                    LuceneChunkIndex.open(dataDir.resolve("index"), embedder.name(), embedder.dimensions());
            Retrieval retrieval = new Retrieval(new TikaTextExtractor(), new TokenChunker(), embedder, index);
            LOG.debug("Search index opened in {} ms", (System.nanoTime() - started) / 1_000_000);
            return retrieval;
        } catch (RuntimeException e) {
            closeQuietly(embedder, e);
            throw e;
        }
    }

    /**
     * {@code retrieval} with the index this server answers file_search from: on PostgreSQL, one that keeps its index a
     * copy of the chunks every server stores in the database (see {@link JdbcStores#chunkIndex}; the Lucene index
     * records its position in its own directory, and is cleared before it is built anew; an index of another kind, a
     * test's, is built anew at each start); on SQLite, {@code retrieval} as it is.
     *
     * @throws IllegalStateException when the database's chunks were embedded by another model than this server's
     */
    static Retrieval onStores(Retrieval retrieval, JdbcStores stores) {
        if (!stores.shared()) {
            return retrieval;
        }
        ChunkIndex local = retrieval.index();
        Embedder embedder = retrieval.embedder();
        LocalChunkIndex own = local instanceof LuceneChunkIndex lucene
                ? LocalChunkIndex.persistent(
                        lucene,
                        embedder.name(),
                        embedder.dimensions(),
                        lucene::clear,
                        lucene.directory().resolve(POSITION_FILE))
                : LocalChunkIndex.transientIndex(local, embedder.name(), embedder.dimensions(), () -> {});
        return new Retrieval(retrieval.extractor(), retrieval.chunker(), embedder, stores.chunkIndex(own));
    }

    private static Embedder embedder(Path dataDir, ServerConfig config) {
        FileSearchConfig settings = config.fileSearch();
        if (settings.embeddingModel().isEmpty()) {
            return new PlatformThreadEmbedder(
                    LocalEmbedder.create(dataDir.resolve("cache").resolve("djl")), 2);
        }
        String name = settings.embeddingModel().get();
        ResolvedModel resolved = config.resolve(name)
                .orElseThrow(() -> new IllegalStateException("embedding model " + name + " has no route"));
        int dimensions = settings.embeddingDimensions().getAsInt();
        return remote(resolved.route(), resolved.upstreamModel(), dimensions);
    }

    /**
     * The embedder of a routed model: Gemini's native {@code batchEmbedContents} for {@code gemini/…} (asked for
     * vectors of {@code dimensions}, which Gemini's models can shorten theirs to), an Azure
     * deployment for {@code azure/…}, else the provider's OpenAI-compatible {@code /embeddings} (Ollama's at {@code
     * http://localhost:11434/v1} by default).
     */
    static HttpEmbedder remote(ModelRoute route, String model, int dimensions) {
        return switch (route.provider()) {
            case "gemini" ->
                GeminiEmbedder.builder(
                                route.apiBase().map(URI::create).orElse(GeminiProvider.DEFAULT_API_BASE),
                                route.apiKey(),
                                model)
                        .dimensions(dimensions)
                        .build();
            case "azure" ->
                OpenAiEmbedder.azure(
                                URI.create(route.apiBase()
                                        .orElseThrow(() -> new IllegalStateException(
                                                "model " + route.modelName() + ": azure needs api_base"))),
                                model,
                                route.apiVersion().orElse(UpstreamEndpoints.AZURE_DEFAULT_API_VERSION),
                                route.apiKey().orElse(""))
                        .expectedDimensions(dimensions)
                        .build();
            default ->
                OpenAiEmbedder.openAi(UpstreamEndpoints.baseUrl(route), route.apiKey(), model)
                        .expectedDimensions(dimensions)
                        .build();
        };
    }

    /** Closes an embedder that holds resources (a model session, an HTTP client). */
    static void closeQuietly(Embedder embedder, RuntimeException failure) {
        if (embedder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
