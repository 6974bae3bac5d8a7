package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic fake embeddings: a unit vector seeded by the SHA-256 of the text. Stateless, thread-safe. */
final class FakeEmbeddings {

    private FakeEmbeddings() {}

    /** The unit vector of {@code text}: the same text always gives the same vector. */
    static float[] vector(String text, int dimensions) {
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
        float norm = (float) Math.sqrt(sumOfSquares);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = norm == 0 ? (float) (1 / Math.sqrt(dimensions)) : vector[i] / norm;
        }
        return vector;
    }

    /**
     * An OpenAI {@code /embeddings} response for a request body ({@code input} a string, an array of strings, or
     * token arrays, which are embedded as their JSON text; {@code dimensions} and {@code encoding_format} honoured).
     */
    static ObjectNode response(JsonNode request, String model, int defaultDimensions) {
        int dimensions = request.path("dimensions").asInt(defaultDimensions);
        boolean base64 = "base64".equals(request.path("encoding_format").asText());
        List<String> inputs = inputs(request.path("input"));
        ObjectNode response = WireJson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = response.putArray("data");
        int tokens = 0;
        for (int index = 0; index < inputs.size(); index++) {
            float[] vector = vector(inputs.get(index), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", index);
            if (base64) {
                item.put("embedding", toBase64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
            tokens += Math.max(1, inputs.get(index).length() / 4);
        }
        response.put("model", model);
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return response;
    }

    private static List<String> inputs(JsonNode input) {
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.asText());
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
            inputs.add(input.toString());
        } else {
            input.forEach(item -> inputs.add(item.isTextual() ? item.asText() : item.toString()));
        }
        return inputs;
    }

    private static String toBase64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static long seed(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
