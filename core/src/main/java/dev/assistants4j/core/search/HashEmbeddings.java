package dev.assistants4j.core.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.error.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic fake embeddings for offline routes and tests: the vector of a text is a unit vector of pseudo-random
 * components seeded by the SHA-256 of its UTF-8 bytes, the same on every call and every machine. Carries no meaning:
 * similar texts do not get similar vectors. {@link #response} answers an OpenAI {@code /embeddings} request with them:
 * the one implementation behind the server's offline {@code mock/…} routes and testkit's fake upstream, so that both
 * answer alike. Stateless, thread-safe.
 */
public final class HashEmbeddings {

    /** Larger requests are refused rather than allocated (OpenAI's largest model has 3072). */
    public static final int MAX_DIMENSIONS = 8192;

    private HashEmbeddings() {}

    /**
     * OpenAI's {@code /embeddings} response to a request body: {@code input} a string, an array of strings, or token
     * arrays (embedded as their JSON text); {@code dimensions} (else {@code defaultDimensions}) and {@code
     * encoding_format} ({@code float} or {@code base64}: little-endian floats) honoured; usage counts a token per four
     * characters.
     *
     * @param model the response's {@code model}
     * @throws InvalidRequestException when {@code input} is missing or empty, or {@code dimensions} is not an integer
     *     from 1 to {@value #MAX_DIMENSIONS}
     */
    public static ObjectNode response(JsonNode request, String model, int defaultDimensions) {
        List<String> inputs = inputs(request);
        int dimensions = dimensions(request, defaultDimensions);
        boolean base64 = request.path("encoding_format").asText("float").equals("base64");
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("object", "list");
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

    private static List<String> inputs(JsonNode request) {
        JsonNode input = request.get("input");
        if (input == null) {
            throw new InvalidRequestException(
                    "Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.textValue());
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
            inputs.add(input.toString());
        } else if (input.isArray() && !input.isEmpty()) {
            input.forEach(item -> inputs.add(item.isTextual() ? item.textValue() : item.toString()));
        } else {
            throw new InvalidRequestException(
                    "Invalid 'input': expected a non-empty string, array of strings or array of tokens.",
                    "input",
                    "invalid_value");
        }
        return inputs;
    }

    private static int dimensions(JsonNode request, int defaultDimensions) {
        JsonNode dimensions = request.path("dimensions");
        if (dimensions.isMissingNode() || dimensions.isNull()) {
            return defaultDimensions;
        }
        if (!dimensions.isIntegralNumber()
                || !dimensions.canConvertToInt()
                || dimensions.intValue() < 1
                || dimensions.intValue() > MAX_DIMENSIONS) {
            throw new InvalidRequestException(
                    "Invalid 'dimensions': expected an integer from 1 to " + MAX_DIMENSIONS + ".",
                    "dimensions",
                    "invalid_value");
        }
        return dimensions.intValue();
    }

    private static String toBase64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
