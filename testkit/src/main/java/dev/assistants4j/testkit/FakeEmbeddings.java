package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.search.HashEmbeddings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Deterministic fake embeddings ({@link HashEmbeddings}) in OpenAI's wire format. Stateless, thread-safe. */
final class FakeEmbeddings {

    private FakeEmbeddings() {}

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
}
