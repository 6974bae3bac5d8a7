package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a JSON Schema (function parameters, a {@code json_schema} response format) into the OpenAPI subset Gemini's
 * {@code Schema} accepts, since Gemini refuses the whole request over one keyword it does not know:
 *
 * <ul>
 *   <li>kept: {@code type}, {@code description}, {@code properties}, {@code required} (only names that are
 *       properties), {@code items}, {@code anyOf}, {@code nullable}, string {@code enum}s, the bounds ({@code
 *       minimum}, {@code maximum}, {@code minItems}, {@code maxItems}, {@code minLength}, {@code maxLength}, {@code
 *       minProperties}, {@code maxProperties}), {@code pattern}, {@code propertyOrdering}, and the formats Gemini
 *       knows ({@code date-time} and {@code enum} for strings, {@code int32}/{@code int64}, {@code float}/{@code
 *       double});
 *   <li>mapped: a local {@code $ref} ({@code #/$defs/…}, {@code #/definitions/…}) is inlined (a recursive one, past
 *       {@value #MAX_DEPTH} levels, becomes a bare object), {@code "type":["string","null"]} becomes {@code nullable},
 *       {@code oneOf} becomes {@code anyOf}, a single-entry {@code allOf} its entry, {@code const} a one-value enum,
 *       and a non-string enum goes into the description;
 *   <li>dropped: everything else ({@code additionalProperties}, {@code $schema}, {@code title}, {@code default},
 *       {@code examples}, {@code not}, {@code patternProperties}, other formats, …) and empty {@code properties}.
 * </ul>
 *
 * Stateless, thread-safe.
 */
record GeminiSchema(ObjectMapper json) {

    static final int MAX_DEPTH = 16;

    private static final Set<String> COPIED = Set.of(
            "description",
            "minimum",
            "maximum",
            "minItems",
            "maxItems",
            "minLength",
            "maxLength",
            "minProperties",
            "maxProperties",
            "pattern",
            "propertyOrdering",
            "nullable");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "string", Set.of("date-time", "enum"),
            "integer", Set.of("int32", "int64"),
            "number", Set.of("float", "double"));

    /** The schema in Gemini's subset; {@code root} is the whole schema, where {@code $ref}s point. */
    ObjectNode convert(JsonNode schema) {
        return convert(schema, schema, 0);
    }

    private ObjectNode convert(JsonNode schema, JsonNode root, int depth) {
        ObjectNode out = json.createObjectNode();
        if (!schema.isObject() || depth > MAX_DEPTH) {
            return out.put("type", "object");
        }
        JsonNode resolved = resolve(schema, root);
        if (resolved != schema) {
            return convert(resolved, root, depth + 1);
        }
        if (schema.path("allOf").isArray() && schema.path("allOf").size() == 1) {
            ObjectNode merged = schema.deepCopy();
            merged.remove("allOf");
            merged.setAll((ObjectNode) schema.path("allOf").get(0).deepCopy());
            return convert(merged, root, depth + 1);
        }
        type(schema.path("type"), out);
        schema.properties().forEach(entry -> {
            if (COPIED.contains(entry.getKey())) {
                out.set(entry.getKey(), entry.getValue());
            }
        });
        format(schema.path("format"), out);
        values(schema, out);
        nested(schema, root, depth, out);
        return out;
    }

    /** A local {@code $ref}'s target; the schema itself when it has none (or one that points nowhere). */
    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        String ref = schema.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return schema;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isObject() ? target : schema;
    }

    /** One type, with {@code "null"} among several as {@code nullable}; several others as {@code anyOf}. */
    private void type(JsonNode type, ObjectNode out) {
        if (type.isTextual() && !type.asText().equals("null")) {
            out.put("type", type.asText());
            return;
        }
        if (!type.isArray()) {
            return;
        }
        List<String> types = new ArrayList<>();
        for (JsonNode entry : type) {
            if (entry.asText().equals("null")) {
                out.put("nullable", true);
            } else {
                types.add(entry.asText());
            }
        }
        if (types.size() == 1) {
            out.put("type", types.getFirst());
        } else if (types.size() > 1) {
            ArrayNode anyOf = out.putArray("anyOf");
            types.forEach(each -> anyOf.addObject().put("type", each));
        }
    }

    private static void format(JsonNode format, ObjectNode out) {
        String type = out.path("type").asText("");
        if (format.isTextual() && FORMATS.getOrDefault(type, Set.of()).contains(format.asText())) {
            out.put("format", format.asText());
        }
    }

    /** {@code enum} and {@code const}: string values kept, others described. */
    private void values(JsonNode schema, ObjectNode out) {
        ArrayNode values = json.createArrayNode();
        if (schema.has("const")) {
            values.add(schema.get("const"));
        } else if (schema.path("enum").isArray()) {
            values.addAll((ArrayNode) schema.get("enum"));
        }
        if (values.isEmpty()) {
            return;
        }
        boolean strings = true;
        for (JsonNode value : values) {
            strings &= value.isTextual();
        }
        if (strings) {
            out.set("enum", values);
            out.put("type", out.path("type").asText("string"));
            return;
        }
        List<String> shown = new ArrayList<>();
        values.forEach(value -> shown.add(value.toString()));
        String allowed = "One of: " + String.join(", ", shown) + ".";
        String description = out.path("description").asText("");
        out.put("description", description.isEmpty() ? allowed : description + " " + allowed);
    }

    private void nested(JsonNode schema, JsonNode root, int depth, ObjectNode out) {
        JsonNode properties = schema.path("properties");
        if (properties.isObject() && !properties.isEmpty()) {
            ObjectNode converted = out.putObject("properties");
            properties.properties().forEach(e -> converted.set(e.getKey(), convert(e.getValue(), root, depth + 1)));
            ArrayNode required = json.createArrayNode();
            schema.path("required").forEach(name -> {
                if (properties.has(name.asText())) {
                    required.add(name.asText());
                }
            });
            if (!required.isEmpty()) {
                out.set("required", required);
            }
        }
        if (schema.path("items").isObject()) {
            out.set("items", convert(schema.path("items"), root, depth + 1));
        }
        JsonNode anyOf = schema.path("anyOf").isArray() ? schema.path("anyOf") : schema.path("oneOf");
        if (anyOf.isArray() && !anyOf.isEmpty()) {
            ArrayNode converted = out.putArray("anyOf");
            anyOf.forEach(option -> converted.add(convert(option, root, depth + 1)));
        }
    }
}
