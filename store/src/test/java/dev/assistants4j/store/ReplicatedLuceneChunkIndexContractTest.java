package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.testkit.TestPostgres;
import dev.assistants4j.testkit.retrieval.ChunkIndexContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link ChunkIndexContract} on a {@link ReplicatedChunkIndex} over the Lucene index it follows the database with
 * in production. {@link #reopen} starts a node on the same Lucene directory, which resumes from the position it
 * recorded there rather than building the index anew.
 */
class ReplicatedLuceneChunkIndexContractTest extends ChunkIndexContract {

    @TempDir
    Path dir;

    private TestPostgres database;
    private ChunkNodes nodes;
    private ChunkNodes.Node node;

    @Override
    protected ChunkIndex open() {
        database = TestPostgres.create();
        nodes = new ChunkNodes(database);
        node = nodes.lucene(dir);
        return node.index();
    }

    @Override
    protected ChunkIndex reopen(ChunkIndex index) {
        node.close();
        assertThat(dir.resolve(ChunkNodes.POSITION_FILE)).exists();
        node = nodes.lucene(dir);
        return node.index();
    }

    @AfterEach
    void closeDatabase() {
        nodes.close();
        database.close();
        assertThat(nodes.clears)
                .as("the local index was built once, at the first start, and resumed after")
                .hasValue(1);
    }
}
