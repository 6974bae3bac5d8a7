package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** Reads the JSON text of tool call arguments and tool outputs for the APIs that take them as JSON values. Stateless. */
final class Arguments {

    private Arguments() {}

    /** The arguments as a JSON object; arguments that are not one (a model's broken JSON) give {@code {}}. */
    static ObjectNode object(String arguments, ObjectMapper json) {
        return parse(arguments, json)
                .filter(JsonNode::isObject)
                .map(ObjectNode.class::cast)
                .orElseGet(json::createObjectNode);
    }

    /** The text as a JSON value, if it is one. */
    static Optional<JsonNode> parse(String text, ObjectMapper json) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
