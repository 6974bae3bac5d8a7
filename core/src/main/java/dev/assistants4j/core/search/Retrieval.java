package dev.assistants4j.core.search;

import java.util.List;
import java.util.Objects;

/**
 * The four retrieval components vector stores and file_search are built on, handed to the server as one value.
 * Closing the server closes the {@link #index()}.
 */
public record Retrieval(TextExtractor extractor, Chunker chunker, Embedder embedder, ChunkIndex index) {

    /** The {@code last_error.message} of files added while retrieval is {@link #unavailable()}. */
    public static final String NOT_CONFIGURED = "file_search is not configured on this server.";

    public Retrieval {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(chunker, "chunker");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(index, "index");
    }

    /**
     * No retrieval: vector stores can be created and listed, but every file added fails with {@code server_error}
     * {@value #NOT_CONFIGURED}, and searches find nothing.
     */
    public static Retrieval unavailable() {
        return new Retrieval(
                (filename, content) -> {
                    throw new UnsupportedOperationException(NOT_CONFIGURED);
                },
                new Unavailable.NoChunker(),
                new Unavailable.NoEmbedder(),
                new Unavailable.NoIndex());
    }

    /** The components of {@link #unavailable()}. */
    private static final class Unavailable {

        private Unavailable() {}

        static final class NoChunker implements Chunker {
            @Override
            public List<TextChunk> chunk(String text, int maxTokens, int overlapTokens) {
                throw new UnsupportedOperationException(NOT_CONFIGURED);
            }

            @Override
            public int countTokens(String text) {
                throw new UnsupportedOperationException(NOT_CONFIGURED);
            }
        }

        static final class NoEmbedder implements Embedder {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public int dimensions() {
                return 0;
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return texts.stream().map(text -> new float[0]).toList();
            }
        }

        static final class NoIndex implements ChunkIndex {
            @Override
            public void add(List<IndexedChunk> chunks) {
                throw new UnsupportedOperationException(NOT_CONFIGURED);
            }

            @Override
            public void deleteFile(String vectorStoreId, String fileId) {}

            @Override
            public void deleteStore(String vectorStoreId) {}

            @Override
            public List<ChunkHit> search(ChunkQuery query) {
                return List.of();
            }

            @Override
            public int chunkCount(String vectorStoreId, String fileId) {
                return 0;
            }

            @Override
            public List<ChunkHit> chunks(String vectorStoreId, String fileId) {
                return List.of();
            }

            @Override
            public void close() {}
        }
    }
}
