package dev.assistants4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.Metadata;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.Patch;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads and validates one JSON object of a request body. Every refusal is an {@link InvalidRequestException} whose
 * param is the full path of the offending field (for example {@code messages[0].content}). Not thread-safe; one per
 * request.
 */
final class JsonObjectReader {

    private final ObjectNode node;
    private final String path;

    private JsonObjectReader(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Reads the body of a request as one JSON object: every endpoint that takes JSON reads it here. The bytes must be
     * UTF-8, as JSON exchanged between systems is (RFC 8259): anything else is refused, never stored with U+FFFD in
     * place of what could not be decoded. An empty body is an empty object.
     */
    static JsonObjectReader body(Context ctx) {
        return parse(utf8(ctx.bodyAsBytes()));
    }

    /** The body of an endpoint that takes no fields (a cancel): none, or an empty JSON object. */
    static void emptyBody(Context ctx) {
        body(ctx).allowOnly(Set.of());
    }

    /** The body as text; refuses bytes that are not UTF-8, saying where the first bad sequence starts. */
    static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidRequestException(
                    "The request body is not valid UTF-8: the byte sequence at offset " + in.position()
                            + " cannot be decoded. The API expects a JSON payload encoded in UTF-8.",
                    null);
        }
        return out.flip().toString();
    }

    /** Parses a request body; an empty body is an empty object. */
    static JsonObjectReader parse(String body) {
        if (body == null || body.isBlank()) {
            return new JsonObjectReader(Json.MAPPER.createObjectNode(), "");
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER
                    .reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(
                    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using"
                            + " your HTTP library correctly. The API expects a JSON payload, but what was sent was"
                            + " not valid JSON.)",
                    null);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new InvalidRequestException("The request body must be a JSON object.", null);
        }
        return new JsonObjectReader(object, "");
    }

    /** Reads a nested JSON value that must be an object. */
    static JsonObjectReader of(JsonNode value, String path) {
        if (!(value instanceof ObjectNode object)) {
            throw new InvalidRequestException(
                    "Invalid type for '" + path + "': expected an object, but got " + describe(value) + " instead.",
                    path,
                    "invalid_type");
        }
        return new JsonObjectReader(object, path);
    }

    /** A copy of the object read, to pass on (the pass-through endpoints send it upstream). */
    ObjectNode copy() {
        return node.deepCopy();
    }

    /** Refuses any field not in {@code allowed}. */
    JsonObjectReader allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException(
                        "Unknown parameter: '" + path(name) + "'.", path(name), "unknown_parameter");
            }
        }
        return this;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** True when the field is absent or an explicit null. */
    boolean absentOrNull(String name) {
        return !node.has(name) || node.get(name).isNull();
    }

    /** The raw value, if present and not null. */
    Optional<JsonNode> value(String name) {
        return absentOrNull(name) ? Optional.empty() : Optional.of(node.get(name));
    }

    String requiredString(String name) {
        if (!node.has(name)) {
            throw missing(name);
        }
        return string(name, Integer.MAX_VALUE).orElseThrow(() -> typeError(name, "a string", null));
    }

    /** The refusal of a required field that is absent. */
    InvalidRequestException missing(String name) {
        return new InvalidRequestException(
                "Missing required parameter: '" + path(name) + "'.", path(name), "missing_required_parameter");
    }

    /** A string of at most {@code maxLength} characters, if present and not null. */
    Optional<String> string(String name, int maxLength) {
        return value(name).map(v -> {
            if (!v.isTextual()) {
                throw typeError(name, "a string", v);
            }
            String text = v.textValue();
            if (text.length() > maxLength) {
                throw tooLong(name, "string", maxLength, text.length());
            }
            return text;
        });
    }

    /** A string that must be one of {@code allowed}, if present and not null. */
    Optional<String> oneOf(String name, Set<String> allowed) {
        return string(name, Integer.MAX_VALUE).map(text -> {
            if (!allowed.contains(text)) {
                throw new InvalidRequestException(
                        "Invalid value for '" + path(name) + "': '" + text + "'. Supported values are: "
                                + String.join(", ", allowed.stream().sorted().toList()) + ".",
                        path(name),
                        "invalid_value");
            }
            return text;
        });
    }

    /** A number in [min, max], if present and not null. */
    Optional<Double> number(String name, double min, double max) {
        return value(name).map(v -> {
            if (!v.isNumber()) {
                throw typeError(name, "a number", v);
            }
            double number = v.doubleValue();
            checkRange(path(name), "decimal", number, min, max, v.asText());
            return number;
        });
    }

    /** An integer in [min, max], if present and not null. */
    Optional<Integer> integer(String name, int min, int max) {
        return value(name).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw typeError(name, "an integer", v);
            }
            int number = v.intValue();
            checkRange(path(name), "integer", number, min, max, v.asText());
            return number;
        });
    }

    /**
     * Refuses a number outside [min, max] in OpenAI's words, for example {@code Invalid 'temperature': decimal above
     * maximum value. Expected a value <= 2, but got 3 instead.} with code {@code decimal_above_max_value}.
     */
    static void checkRange(String param, String kind, double number, double min, double max, String shown) {
        if (number > max) {
            throw new InvalidRequestException(
                    "Invalid '" + param + "': " + kind + " above maximum value. Expected a value <= " + plain(max)
                            + ", but got " + shown + " instead.",
                    param,
                    kind + "_above_max_value");
        }
        if (number < min) {
            throw new InvalidRequestException(
                    "Invalid '" + param + "': " + kind + " below minimum value. Expected a value >= " + plain(min)
                            + ", but got " + shown + " instead.",
                    param,
                    kind + "_below_min_value");
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    Optional<Boolean> bool(String name) {
        return value(name).map(v -> {
            if (!v.isBoolean()) {
                throw typeError(name, "a boolean", v);
            }
            return v.booleanValue();
        });
    }

    /** A nested object, if present and not null. */
    Optional<JsonObjectReader> object(String name) {
        return value(name).map(v -> of(v, path(name)));
    }

    /** The raw nested object (for JSON schemas passed through as they are), if present and not null. */
    Optional<ObjectNode> rawObject(String name) {
        return value(name).map(v -> {
            if (!(v instanceof ObjectNode object)) {
                throw typeError(name, "an object", v);
            }
            return object;
        });
    }

    /** The items of an array of at most {@code maxItems}, each read by {@code item} with its indexed path. */
    <T> Optional<List<T>> array(String name, int maxItems, ItemReader<T> item) {
        return value(name).map(v -> {
            if (!v.isArray()) {
                throw typeError(name, "an array", v);
            }
            if (v.size() > maxItems) {
                throw tooLong(name, "array", maxItems, v.size());
            }
            List<T> items = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                items.add(item.read(v.get(i), path(name) + "[" + i + "]"));
            }
            return items;
        });
    }

    /** An array of strings of at most {@code maxItems}. */
    Optional<List<String>> strings(String name, int maxItems) {
        return array(name, maxItems, (v, p) -> {
            if (!v.isTextual()) {
                throw new InvalidRequestException(
                        "Invalid type for '" + p + "': expected a string, but got " + describe(v) + " instead.",
                        p,
                        "invalid_type");
            }
            return v.textValue();
        });
    }

    /** The metadata map under {@code name}, checked against the API's limits. */
    Optional<Map<String, String>> metadata(String name) {
        return object(name).map(JsonObjectReader::toMetadata);
    }

    /** Refuses this object when it has more than {@code max} properties, as OpenAI words it. */
    private void requireAtMostProperties(int max) {
        if (node.size() > max) {
            throw new InvalidRequestException(
                    "Invalid '" + path + "': too many properties. Expected an object with at most " + max
                            + " properties, but got an object with " + node.size() + " properties instead.",
                    path,
                    "object_above_max_properties");
        }
    }

    private Map<String, String> toMetadata() {
        return keyedValues("metadata", "metadata_key_too_long", (key, value) -> string(key, Metadata.MAX_VALUE_LENGTH)
                .orElseThrow(() -> typeError(key, "a string", null)));
    }

    /**
     * This object's properties in order, each value read by {@code reader}, within the limits of metadata: at most
     * {@link Metadata#MAX_PAIRS} of them, keys of at most {@link Metadata#MAX_KEY_LENGTH} characters (a longer one is
     * refused as a {@code kind} key, with {@code code}).
     */
    <V> Map<String, V> keyedValues(String kind, String code, BiFunction<String, JsonNode, V> reader) {
        requireAtMostProperties(Metadata.MAX_PAIRS);
        Map<String, V> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (key.length() > Metadata.MAX_KEY_LENGTH) {
                throw new InvalidRequestException(
                        "Invalid '" + path + "': " + kind + " key '" + key.substring(0, 16) + "…' is longer than "
                                + Metadata.MAX_KEY_LENGTH + " characters.",
                        path,
                        code);
            }
            values.put(key, reader.apply(key, entry.getValue()));
        }
        return values;
    }

    /** Absent keeps, null clears, a value sets (read by {@code reader}). */
    <T> Patch<T> patch(String name, Function<String, Optional<T>> reader) {
        if (!node.has(name)) {
            return Patch.keep();
        }
        return reader.apply(name).map(Patch::of).orElseGet(Patch::clear);
    }

    InvalidRequestException typeError(String name, String expected, JsonNode actual) {
        return new InvalidRequestException(
                "Invalid type for '" + path(name) + "': expected " + expected + ", but got " + describe(actual)
                        + " instead.",
                path(name),
                "invalid_type");
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** OpenAI's refusal of a {@code kind} ({@code string} or {@code array}) longer than {@code max}. */
    private InvalidRequestException tooLong(String name, String kind, int max, int length) {
        String aKind = (kind.equals("array") ? "an " : "a ") + kind;
        return new InvalidRequestException(
                "Invalid '" + path(name) + "': " + kind + " too long. Expected " + aKind + " with maximum length " + max
                        + ", but got " + aKind + " with length " + length + " instead.",
                path(name),
                kind + "_above_max_length");
    }

    /** Reads one array item at its path. */
    @FunctionalInterface
    interface ItemReader<T> {
        T read(JsonNode value, String path);
    }
}
