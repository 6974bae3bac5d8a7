package dev.assistants4j.core.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Deterministic fake embeddings for offline routes and tests: the vector of a text is a unit vector of pseudo-random
 * components seeded by the SHA-256 of its UTF-8 bytes, the same on every call and every machine. Carries no meaning:
 * similar texts do not get similar vectors. Stateless, thread-safe.
 */
public final class HashEmbeddings {

    private HashEmbeddings() {}

    /**
     * The unit vector of {@code text}.
     *
     * @throws IllegalArgumentException when {@code dimensions} is not positive
     */
    public static float[] vector(String text, int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + dimensions);
        }
        SplittableRandom random = new SplittableRandom(seed(text));
        float[] vector = new float[dimensions];
        double sumOfSquares = 0;
        for (int i = 0; i < dimensions; i++) {
            double value = random.nextDouble(-1.0, 1.0);
            vector[i] = (float) value;
            sumOfSquares += value * value;
        }
        double norm = Math.sqrt(sumOfSquares);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = norm == 0 ? (float) (1 / Math.sqrt(dimensions)) : (float) (vector[i] / norm);
        }
        return vector;
    }

    private static long seed(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
