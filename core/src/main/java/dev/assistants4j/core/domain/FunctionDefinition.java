package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function's name, description, JSON-schema parameters and strict flag, as the model sees them.
 *
 * @param parameters a JSON Schema object, or null when the function takes none
 */
public record FunctionDefinition(
        String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode parameters,
        boolean strict) {
    public FunctionDefinition {
        Objects.requireNonNull(name, "name");
    }
}
