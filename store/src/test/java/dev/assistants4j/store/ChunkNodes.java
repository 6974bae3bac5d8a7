package dev.assistants4j.store;

import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.retrieval.index.LuceneChunkIndex;
import dev.assistants4j.testkit.TestPostgres;
import dev.assistants4j.testkit.retrieval.InMemoryChunkIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server nodes on one PostgreSQL schema, as far as file_search goes: each with stores (a pool) of its own and a local
 * chunk index of its own, followed by a {@link ReplicatedChunkIndex}. Closes every node it started.
 */
final class ChunkNodes implements AutoCloseable {

    static final String EMBEDDER = "test-embedder";
    static final int DIMS = 8;
    static final String POSITION_FILE = "replica.position";

    /** A node: its stores, its local index, and the replicated index over it. */
    record Node(JdbcStores stores, ChunkIndex local, ChunkIndex index) implements AutoCloseable {
        @Override
        public void close() {
            index.close();
            stores.close();
        }
    }

    private final TestPostgres database;
    private final List<Node> nodes = new ArrayList<>();
    /** How many times a node cleared its local index. */
    final AtomicInteger clears = new AtomicInteger();

    ChunkNodes(TestPostgres database) {
        this.database = database;
    }

    /** A node whose local index lives in memory and starts empty. */
    Node inMemory() {
        return over(new InMemoryChunkIndex(), ReplicatedChunkIndex.Settings.DEFAULTS);
    }

    /** A node over {@code local}, which starts empty (a transient index). */
    Node over(ChunkIndex local, ReplicatedChunkIndex.Settings settings) {
        return start(
                LocalChunkIndex.transientIndex(local, EMBEDDER, DIMS, clears::incrementAndGet),
                settings,
                database.url());
    }

    /** A node over the Lucene index in {@code dir}, which records its position there. */
    Node lucene(Path dir) {
        return lucene(dir, database.url());
    }

    Node lucene(Path dir, String url) {
        LuceneChunkIndex local = LuceneChunkIndex.open(dir, EMBEDDER, DIMS);
        Runnable clear = () -> {
            clears.incrementAndGet();
            local.clear();
        };
        return start(
                LocalChunkIndex.persistent(local, EMBEDDER, DIMS, clear, dir.resolve(POSITION_FILE)),
                ReplicatedChunkIndex.Settings.DEFAULTS,
                url);
    }

    Node start(LocalChunkIndex local, ReplicatedChunkIndex.Settings settings, String url) {
        return start(local, settings, url, Duration.ofSeconds(5));
    }

    /** A node whose statements wait at most {@code connectionTimeout} for a connection. */
    Node start(LocalChunkIndex local, ReplicatedChunkIndex.Settings settings, String url, Duration connectionTimeout) {
        JdbcStores stores = JdbcStores.openPostgres(DatabaseUrl.parse(url), 4, connectionTimeout);
        try {
            Node node = new Node(stores, local.index(), stores.chunkIndex(local, settings));
            nodes.add(node);
            return node;
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
    }
}
