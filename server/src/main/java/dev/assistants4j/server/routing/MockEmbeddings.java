package dev.assistants4j.server.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.search.HashEmbeddings;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The embeddings of a {@code mock/…} route, made offline: for each input a unit vector seeded by the SHA-256 of its
 * text, so the same text always gets the same vector. {@code dimensions} (default {@value #DEFAULT_DIMENSIONS}) and
 * {@code encoding_format} ({@code float} or {@code base64}) are honoured. Stateless, thread-safe.
 */
final class MockEmbeddings {

    /** The dimension of mock vectors when the request does not ask for one. */
    static final int DEFAULT_DIMENSIONS = 384;

    /** Larger requests are refused rather than allocated (OpenAI's largest model has 3072). */
    static final int MAX_DIMENSIONS = 8192;

    private MockEmbeddings() {}

    /** The answer to {@code request} (whose {@code model} is the upstream name), or its 400 refusal. */
    static UpstreamResponse answer(ObjectNode request) {
        List<String> inputs = inputs(request);
        int dimensions = dimensions(request);
        boolean base64 = request.path("encoding_format").asText("float").equals("base64");
        ObjectNode response = Json.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = response.putArray("data");
        int tokens = 0;
        for (int index = 0; index < inputs.size(); index++) {
            float[] vector = HashEmbeddings.vector(inputs.get(index), dimensions);
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
        response.put("model", request.path("model").asText());
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        try {
            return UpstreamResponse.of(200, "application/json", Map.of(), Json.MAPPER.writeValueAsBytes(response));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The texts to embed: a string, an array of strings, or token arrays (embedded as their JSON text). */
    private static List<String> inputs(ObjectNode request) {
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

    private static int dimensions(ObjectNode request) {
        JsonNode dimensions = request.path("dimensions");
        if (dimensions.isMissingNode() || dimensions.isNull()) {
            return DEFAULT_DIMENSIONS;
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
