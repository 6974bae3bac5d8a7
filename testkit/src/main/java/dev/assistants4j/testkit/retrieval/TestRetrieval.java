package dev.assistants4j.testkit.retrieval;

import dev.assistants4j.core.search.Retrieval;

/**
 * A fresh set of the retrieval test doubles, kept together so tests can reach each one (pause the extractor, count the
 * chunks left in the index). Thread-safe.
 */
public final class TestRetrieval {

    private final TestExtractor extractor = new TestExtractor();
    private final WhitespaceChunker chunker = new WhitespaceChunker();
    private final HashingEmbedder embedder = new HashingEmbedder();
    private final InMemoryChunkIndex index = new InMemoryChunkIndex();

    public TestExtractor extractor() {
        return extractor;
    }

    public InMemoryChunkIndex index() {
        return index;
    }

    /** The doubles as the {@link Retrieval} a server or service takes. */
    public Retrieval retrieval() {
        return new Retrieval(extractor, chunker, embedder, index);
    }
}
