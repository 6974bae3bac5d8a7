package dev.assistants4j.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** How {@link GeminiSchema} maps the JSON Schema keywords Gemini refuses. */
class GeminiSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiSchema schema = new GeminiSchema(JSON);

    @Test
    void one_of_becomes_any_of_and_several_types_become_any_of_with_nullable() {
        assertThat(schema.convert(
                        json("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\",\"format\":\"int64\"}]}")))
                .isEqualTo(json("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\",\"format\":\"int64\"}]}"));
        assertThat(schema.convert(json("{\"type\":[\"string\",\"integer\",\"null\"]}")))
                .isEqualTo(json("{\"nullable\":true,\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}"));
    }

    @Test
    void const_is_a_one_value_enum_and_non_string_enums_are_described() {
        assertThat(schema.convert(json("{\"const\":\"celsius\"}")))
                .isEqualTo(json("{\"enum\":[\"celsius\"],\"type\":\"string\"}"));
        assertThat(schema.convert(json("{\"type\":\"integer\",\"enum\":[1,2],\"description\":\"Days.\"}")))
                .isEqualTo(json("{\"type\":\"integer\",\"description\":\"Days. One of: 1, 2.\"}"));
    }

    @Test
    void a_recursive_ref_stops_at_a_bare_object_and_a_single_all_of_is_inlined() {
        // given
        JsonNode tree = json("""
                {"type":"object","properties":{"node":{"$ref":"#/definitions/node"}},
                 "definitions":{"node":{"allOf":[{"type":"object","properties":{"child":{"$ref":"#/definitions/node"}}}]}}}""");

        // when
        JsonNode converted = schema.convert(tree);

        // then
        JsonNode deepest = converted;
        int depth = 0;
        while (deepest.path("properties").size() == 1) {
            JsonNode properties = deepest.path("properties");
            deepest = properties.path("node").isMissingNode() ? properties.path("child") : properties.path("node");
            depth++;
        }
        assertThat(depth).isBetween(2, GeminiSchema.MAX_DEPTH);
        assertThat(deepest).isEqualTo(json("{\"type\":\"object\"}"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
