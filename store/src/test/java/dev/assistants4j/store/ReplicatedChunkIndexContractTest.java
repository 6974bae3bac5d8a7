package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.testkit.TestPostgres;
import dev.assistants4j.testkit.retrieval.ChunkIndexContract;
import dev.assistants4j.testkit.retrieval.InMemoryChunkIndex;
import org.junit.jupiter.api.AfterEach;

/**
 * The {@link ChunkIndexContract} on a {@link ReplicatedChunkIndex} over an in-memory local index, on a PostgreSQL
 * schema of the test's own. {@link #reopen} starts a node with a new, empty local index, so what was added survives
 * only if the node builds it from the database.
 */
class ReplicatedChunkIndexContractTest extends ChunkIndexContract {

    private TestPostgres database;
    private ChunkNodes nodes;
    private ChunkNodes.Node node;

    @Override
    protected ChunkIndex open() {
        database = TestPostgres.create();
        nodes = new ChunkNodes(database);
        node = nodes.inMemory();
        return node.index();
    }

    @Override
    protected ChunkIndex reopen(ChunkIndex index) {
        ChunkNodes.Node before = node;
        before.close();
        node = nodes.inMemory();
        // a local index of its own, created empty (the node may have started building it from the database already)
        assertThat(node.local()).isInstanceOf(InMemoryChunkIndex.class).isNotSameAs(before.local());
        return node.index();
    }

    @AfterEach
    void closeDatabase() {
        nodes.close();
        database.close();
    }
}
