package dev.assistants4j.testkit.retrieval;

import dev.assistants4j.core.search.Embedder;
import java.util.List;

/**
 * Embeds a text as the normalised counts of its words hashed into {@value #DIMENSIONS} buckets: texts sharing words
 * point the same way. A text without words is the first unit vector. Stateless.
 */
public final class HashingEmbedder implements Embedder {

    public static final int DIMENSIONS = 64;

    @Override
    public String name() {
        return "test-hashing-" + DIMENSIONS;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return texts.stream().map(HashingEmbedder::embed).toList();
    }

    private static float[] embed(String text) {
        float[] vector = new float[DIMENSIONS];
        for (String word : Words.of(text)) {
            vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
        }
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        if (norm == 0) {
            vector[0] = 1;
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
