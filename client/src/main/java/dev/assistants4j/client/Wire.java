package dev.assistants4j.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.client.params.RequestParams;
import java.util.List;

/**
 * The client's JSON: snake_case names, unknown properties ignored on reading, nulls left out on writing. Thread-safe
 * (the mapper is configured once).
 */
final class Wire {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Wire() {}

    /** {@code node} as a {@code type}. */
    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The array {@code node} as a list of {@code type}. */
    static <T> List<T> readList(JsonNode node, Class<T> type) {
        JavaType listType = MAPPER.getTypeFactory().constructCollectionType(List.class, type);
        try {
            return MAPPER.treeToValue(node, listType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a list of " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text. */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as JSON text (a string stays as it is). */
    static String text(Object value) {
        if (value instanceof String string) {
            return string;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON body of {@code params}: its typed fields without nulls, and its extra fields (its any-getter). */
    static ObjectNode body(RequestParams params) {
        return MAPPER.valueToTree(params);
    }

    /** An empty JSON object. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
