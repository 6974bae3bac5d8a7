package dev.assistants4j.core.search;

import java.util.List;

/**
 * Turns texts into vectors of {@link #dimensions()} floats, each of unit length (so a dot product is the cosine
 * similarity). Thread-safe. Texts longer than the model's window are embedded whole (split and pooled), never
 * silently truncated.
 */
public interface Embedder {

    /** A stable name of the model, recorded with the index so that a model change is noticed. */
    String name();

    int dimensions();

    /**
     * One vector per text, in order.
     *
     * @throws EmbeddingException when the model cannot embed them
     */
    List<float[]> embed(List<String> texts);
}
