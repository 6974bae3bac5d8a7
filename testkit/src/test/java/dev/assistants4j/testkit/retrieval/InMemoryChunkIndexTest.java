package dev.assistants4j.testkit.retrieval;

import dev.assistants4j.core.search.ChunkIndex;

/** The {@link ChunkIndexContract} on the in-memory double the server and service tests use. */
class InMemoryChunkIndexTest extends ChunkIndexContract {

    @Override
    protected ChunkIndex open() {
        return new InMemoryChunkIndex();
    }

    /** The chunks live as long as the instance: the next "process" gets the same one, as tests hand it on. */
    @Override
    protected ChunkIndex reopen(ChunkIndex index) {
        index.close();
        return index;
    }
}
