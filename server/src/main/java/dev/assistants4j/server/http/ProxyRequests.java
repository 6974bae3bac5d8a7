package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.routing.UpstreamProxy.Operation;
import java.util.EnumSet;
import java.util.HashMap;
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

    /** The fields of a chat completion request (OpenAI's Chat Completions API), by the types they take. */
    static final Map<String, Field> CHAT_COMPLETIONS = new Table()
            .add(Field.required(Kind.STRING), "model")
            .add(Field.required(Kind.ARRAY), "messages")
            .add(Field.optional(Kind.STRING), "prompt_cache_key", "reasoning_effort", "safety_identifier")
            .add(Field.optional(Kind.STRING), "service_tier", "user", "verbosity")
            .add(Field.optional(Kind.NUMBER), "frequency_penalty", "presence_penalty", "temperature", "top_p")
            .add(Field.optional(Kind.INTEGER), "max_completion_tokens", "max_tokens", "n", "seed", "top_logprobs")
            .add(Field.optional(Kind.BOOLEAN), "logprobs", "parallel_tool_calls", "store", "stream")
            .add(Field.optional(Kind.OBJECT), "audio", "logit_bias", "metadata", "prediction", "response_format")
            .add(Field.optional(Kind.OBJECT), "stream_options", "web_search_options")
            .add(Field.optional(Kind.ARRAY), "functions", "modalities", "tools")
            .add(Field.optional(Kind.STRING, Kind.OBJECT), "function_call", "tool_choice")
            .add(Field.optional(Kind.STRING, Kind.ARRAY), "stop")
            .fields();

    /** The fields of an embeddings request. */
    static final Map<String, Field> EMBEDDINGS = new Table()
            .add(Field.required(Kind.STRING), "model")
            .add(Field.required(Kind.STRING, Kind.ARRAY), "input")
            .add(Field.optional(Kind.INTEGER), "dimensions")
            .add(Field.optional(Kind.STRING), "encoding_format", "user")
            .fields();

    /** Builds a map of fields, a group of names of one type at a time. */
    private static final class Table {

        private final Map<String, Field> fields = new HashMap<>();

        Table add(Field field, String... names) {
            for (String name : names) {
                if (fields.putIfAbsent(name, field) != null) {
                    throw new IllegalArgumentException("two entries for " + name);
                }
            }
            return this;
        }

        Map<String, Field> fields() {
            return Map.copyOf(fields);
        }
    }

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
