package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.routing.UpstreamProxy.Operation;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the bodies of the pass-through requests ({@code chat/completions}, {@code embeddings}) before they are
 * routed: each known top-level field must have one of the JSON types OpenAI takes for it (else 400 {@code
 * invalid_type} naming it in {@code param}, as OpenAI answers), the required ones must be there, and chat's {@code
 * messages} must be objects. A null optional field passes, as OpenAI's are nullable. Fields not known here are not
 * checked: they go to the upstream as they are.
 */
final class ProxyRequests {

    /** A JSON type a field may have. */
    enum Kind {
        STRING("a string"),
        NUMBER("a number"),
        INTEGER("an integer"),
        BOOLEAN("a boolean"),
        OBJECT("an object"),
        ARRAY("an array");

        private final String shown;

        Kind(String shown) {
            this.shown = shown;
        }

        boolean matches(JsonNode value) {
            return switch (this) {
                case STRING -> value.isTextual();
                case NUMBER -> value.isNumber();
                // 5.0 is an integer to OpenAI's parser too; refusing it here would break a client that worked
                case INTEGER ->
                    value.isIntegralNumber()
                            || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
                case BOOLEAN -> value.isBoolean();
                case OBJECT -> value.isObject();
                case ARRAY -> value.isArray();
            };
        }
    }

    /** The types a field may have, and whether it must be given. */
    record Field(Set<Kind> kinds, boolean required) {

        static Field required(Kind first, Kind... more) {
            return new Field(EnumSet.of(first, more), true);
        }

        static Field optional(Kind first, Kind... more) {
            return new Field(EnumSet.of(first, more), false);
        }

        /** For example {@code a string or an array}. */
        String expected() {
            return kinds.stream().map(kind -> kind.shown).collect(Collectors.joining(" or "));
        }
    }

    /** The fields of a chat completion request (OpenAI's Chat Completions API). */
    static final Map<String, Field> CHAT_COMPLETIONS = Map.ofEntries(
            Map.entry("model", Field.required(Kind.STRING)),
            Map.entry("messages", Field.required(Kind.ARRAY)),
            Map.entry("audio", Field.optional(Kind.OBJECT)),
            Map.entry("frequency_penalty", Field.optional(Kind.NUMBER)),
            Map.entry("function_call", Field.optional(Kind.STRING, Kind.OBJECT)),
            Map.entry("functions", Field.optional(Kind.ARRAY)),
            Map.entry("logit_bias", Field.optional(Kind.OBJECT)),
            Map.entry("logprobs", Field.optional(Kind.BOOLEAN)),
            Map.entry("max_completion_tokens", Field.optional(Kind.INTEGER)),
            Map.entry("max_tokens", Field.optional(Kind.INTEGER)),
            Map.entry("metadata", Field.optional(Kind.OBJECT)),
            Map.entry("modalities", Field.optional(Kind.ARRAY)),
            Map.entry("n", Field.optional(Kind.INTEGER)),
            Map.entry("parallel_tool_calls", Field.optional(Kind.BOOLEAN)),
            Map.entry("prediction", Field.optional(Kind.OBJECT)),
            Map.entry("presence_penalty", Field.optional(Kind.NUMBER)),
            Map.entry("prompt_cache_key", Field.optional(Kind.STRING)),
            Map.entry("reasoning_effort", Field.optional(Kind.STRING)),
            Map.entry("response_format", Field.optional(Kind.OBJECT)),
            Map.entry("safety_identifier", Field.optional(Kind.STRING)),
            Map.entry("seed", Field.optional(Kind.INTEGER)),
            Map.entry("service_tier", Field.optional(Kind.STRING)),
            Map.entry("stop", Field.optional(Kind.STRING, Kind.ARRAY)),
            Map.entry("store", Field.optional(Kind.BOOLEAN)),
            Map.entry("stream", Field.optional(Kind.BOOLEAN)),
            Map.entry("stream_options", Field.optional(Kind.OBJECT)),
            Map.entry("temperature", Field.optional(Kind.NUMBER)),
            Map.entry("tool_choice", Field.optional(Kind.STRING, Kind.OBJECT)),
            Map.entry("tools", Field.optional(Kind.ARRAY)),
            Map.entry("top_logprobs", Field.optional(Kind.INTEGER)),
            Map.entry("top_p", Field.optional(Kind.NUMBER)),
            Map.entry("user", Field.optional(Kind.STRING)),
            Map.entry("verbosity", Field.optional(Kind.STRING)),
            Map.entry("web_search_options", Field.optional(Kind.OBJECT)));

    /** The fields of an embeddings request. */
    static final Map<String, Field> EMBEDDINGS = Map.of(
            "model", Field.required(Kind.STRING),
            "input", Field.required(Kind.STRING, Kind.ARRAY),
            "dimensions", Field.optional(Kind.INTEGER),
            "encoding_format", Field.optional(Kind.STRING),
            "user", Field.optional(Kind.STRING));

    private ProxyRequests() {}

    /**
     * Refuses a body whose known fields have the wrong type or whose required fields are missing; returns the
     * requested model.
     */
    static String check(JsonObjectReader body, Operation operation) {
        Map<String, Field> fields =
                switch (operation) {
                    case CHAT_COMPLETIONS -> CHAT_COMPLETIONS;
                    case EMBEDDINGS -> EMBEDDINGS;
                };
        checkField(body, "model", fields.get("model")); // first: the model decides where the request goes
        fields.keySet().stream().sorted().forEach(name -> checkField(body, name, fields.get(name)));
        if (operation == Operation.CHAT_COMPLETIONS) {
            body.array("messages", Integer.MAX_VALUE, JsonObjectReader::of);
        }
        return body.requiredString("model");
    }

    private static void checkField(JsonObjectReader body, String name, Field field) {
        if (!body.has(name)) {
            if (field.required()) {
                throw body.missing(name);
            }
            return;
        }
        JsonNode value = body.value(name).orElse(null);
        if (value == null ? field.required() : field.kinds().stream().noneMatch(kind -> kind.matches(value))) {
            throw body.typeError(name, field.expected(), value);
        }
    }
}
