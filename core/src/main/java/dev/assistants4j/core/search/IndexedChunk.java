package dev.assistants4j.core.search;

import java.util.Objects;

/**
 * A chunk as the index keeps it: which vector store and file it belongs to, its text and its embedding.
 *
 * @param index its position in the file, from 0
 * @param vector unit length, {@link Embedder#dimensions()} floats
 */
public record IndexedChunk(String vectorStoreId, String fileId, int index, String text, float[] vector) {
    public IndexedChunk {
        Objects.requireNonNull(vectorStoreId, "vectorStoreId");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
    }
}
