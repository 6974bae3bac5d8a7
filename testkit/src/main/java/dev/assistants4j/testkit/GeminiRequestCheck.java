package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.testkit.AnthropicRequestCheck.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the fake Gemini refuses before it takes a reply, with Gemini's statuses and wording: no key ({@code
 * x-goog-api-key} or {@code ?key=}; 403), no {@code contents}, a role other than user and model, a first turn that is
 * not the user's, two turns of one role in a row, a turn without parts, an empty text part, a model turn of function
 * calls whose first call has no {@code thoughtSignature} (as Gemini 3 models refuse), function calls not answered by as
 * many {@code functionResponse} parts (with object responses and the calls' names) in the very next turn, and function
 * declarations whose parameter schemas have keywords Gemini's {@code Schema} does not know, or are an object without
 * properties. Stricter than Gemini about adjacent turns, so that an adapter that does not alternate fails tests.
 * Stateless.
 */
final class GeminiRequestCheck {

    private static final Set<String> SCHEMA_KEYS = Set.of(
            "type",
            "format",
            "description",
            "nullable",
            "enum",
            "properties",
            "required",
            "items",
            "anyOf",
            "minimum",
            "maximum",
            "minItems",
            "maxItems",
            "minLength",
            "maxLength",
            "minProperties",
            "maxProperties",
            "pattern",
            "propertyOrdering");

    private GeminiRequestCheck() {}

    static Optional<Refusal> check(RecordedRequest request) {
        Optional<Refusal> unidentified = key(request);
        if (unidentified.isPresent()) {
            return unidentified;
        }
        JsonNode body = request.body();
        if (!body.isObject()) {
            return invalid("Invalid JSON payload received.");
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            return invalid("* GenerateContentRequest.contents: contents is not specified");
        }
        Optional<String> problem = turns(contents);
        return problem.or(() -> tools(body.path("tools")))
                .map(message -> new Refusal(400, "INVALID_ARGUMENT", message));
    }

    /** Gemini's 403 to a request without a key ({@code x-goog-api-key} or {@code ?key=}), which every method needs. */
    static Optional<Refusal> key(RecordedRequest request) {
        if (request.header("x-goog-api-key").isPresent()
                || request.queryParam("key").isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(
                403,
                "PERMISSION_DENIED",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API"
                        + " Key or other form of API consumer identity to call this API."));
    }

    private static Optional<Refusal> invalid(String message) {
        return Optional.of(new Refusal(400, "INVALID_ARGUMENT", message));
    }

    private static Optional<String> turns(JsonNode contents) {
        List<String> pendingCalls = List.of();
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String role = content.path("role").asText();
            String previous = i == 0 ? null : contents.get(i - 1).path("role").asText();
            int index = i;
            Optional<String> problem = role(i, role, previous).or(() -> parts(index, content.path("parts")));
            if (problem.isPresent()) {
                return problem;
            }
            List<String> answered = names(content.path("parts"), "functionResponse");
            if (!answered.equals(pendingCalls)) {
                return Optional.of("Please ensure that the number of function response parts is equal to the number"
                        + " of function call parts of the function call turn (contents[%d]: %s answers %s)."
                                .formatted(i, answered, pendingCalls));
            }
            pendingCalls = names(content.path("parts"), "functionCall");
            if (!pendingCalls.isEmpty() && !signed(content.path("parts"))) {
                return Optional.of("Function call is missing a thought_signature in functionCall parts (contents[%d])."
                        .formatted(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> role(int index, String role, String previous) {
        if (!role.equals("user") && !role.equals("model")) {
            return Optional.of("Please use a valid role: user, model. (contents[%d])".formatted(index));
        }
        if (previous == null && !role.equals("user")) {
            return Optional.of("Please ensure that the first turn is a user turn.");
        }
        if (role.equals(previous)) {
            return Optional.of("Please ensure that multiturn requests alternate between user and model.");
        }
        return Optional.empty();
    }

    private static Optional<String> parts(int index, JsonNode parts) {
        if (!parts.isArray() || parts.isEmpty()) {
            return Optional.of(
                    "* GenerateContentRequest.contents[%d].parts: contents.parts must not be empty.".formatted(index));
        }
        for (JsonNode part : parts) {
            if (part.has("text") && part.path("text").asText().isEmpty()) {
                return Optional.of("Unable to submit request because it has an empty text parameter.");
            }
            if (part.has("functionResponse")
                    && !part.path("functionResponse").path("response").isObject()) {
                return Optional.of("* GenerateContentRequest.contents[%d]: functionResponse.response must be an object"
                        .formatted(index));
            }
        }
        return Optional.empty();
    }

    /** The first function call part carries a thought signature. */
    private static boolean signed(JsonNode parts) {
        for (JsonNode part : parts) {
            if (part.has("functionCall")) {
                return part.path("thoughtSignature").isTextual();
            }
        }
        return true;
    }

    private static List<String> names(JsonNode parts, String field) {
        List<String> names = new ArrayList<>();
        for (JsonNode part : parts) {
            if (part.has(field)) {
                names.add(part.path(field).path("name").asText());
            }
        }
        return names;
    }

    private static Optional<String> tools(JsonNode tools) {
        for (int t = 0; t < tools.size(); t++) {
            JsonNode declarations = tools.get(t).path("functionDeclarations");
            for (int d = 0; d < declarations.size(); d++) {
                JsonNode parameters = declarations.get(d).path("parameters");
                String path = "tools[%d].function_declarations[%d].parameters".formatted(t, d);
                Optional<String> problem = parameters.isMissingNode()
                        ? Optional.empty()
                        : properties(parameters, path).or(() -> schema(parameters, path));
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** Declared parameters are an object with properties. */
    private static Optional<String> properties(JsonNode parameters, String path) {
        boolean object = parameters.path("type").asText().equalsIgnoreCase("object");
        return object && parameters.path("properties").isEmpty()
                ? Optional.of(
                        "* GenerateContentRequest.%s.properties: should be non-empty for OBJECT type".formatted(path))
                : Optional.empty();
    }

    private static Optional<String> schema(JsonNode schema, String path) {
        for (String key : (Iterable<String>) schema::fieldNames) {
            if (!SCHEMA_KEYS.contains(key)) {
                return Optional.of("Invalid JSON payload received. Unknown name \"%s\" at '%s': Cannot find field."
                        .formatted(key, path));
            }
        }
        List<Optional<String>> nested = new ArrayList<>();
        schema.path("properties").properties().forEach(e -> nested.add(schema(e.getValue(), path + "." + e.getKey())));
        if (schema.has("items")) {
            nested.add(schema(schema.get("items"), path + ".items"));
        }
        schema.path("anyOf").forEach(option -> nested.add(schema(option, path + ".any_of")));
        return nested.stream().flatMap(Optional::stream).findFirst();
    }
}
