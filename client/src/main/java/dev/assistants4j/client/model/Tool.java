package dev.assistants4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A tool an assistant or run may use: a function, file_search or code_interpreter; {@link Other} for newer kinds. */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = Tool.Other.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Tool.FunctionTool.class, name = "function"),
    @JsonSubTypes.Type(value = Tool.FileSearchTool.class, name = "file_search"),
    @JsonSubTypes.Type(value = Tool.CodeInterpreterTool.class, name = "code_interpreter")
})
public sealed interface Tool {

    /** The wire name of the tool's kind. */
    @JsonProperty("type")
    String type();

    /** The code_interpreter tool. */
    static Tool codeInterpreter() {
        return new CodeInterpreterTool();
    }

    /** The file_search tool with the server's defaults. */
    static Tool fileSearch() {
        return new FileSearchTool(null);
    }

    /** A function the model may call; {@code parameters} is its JSON schema. */
    static Tool function(String name, String description, JsonNode parameters) {
        return new FunctionTool(new FunctionDefinition(name, description, parameters, null));
    }

    /** A function tool. */
    record FunctionTool(FunctionDefinition function) implements Tool {
        public FunctionTool {
            Objects.requireNonNull(function, "function");
        }

        @Override
        public String type() {
            return "function";
        }
    }

    /**
     * A function: its name, what it does, its parameters' JSON schema, and whether the model must follow the schema
     * exactly ({@code strict}, null for the server's default).
     */
    record FunctionDefinition(String name, String description, JsonNode parameters, Boolean strict) {
        public FunctionDefinition {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The file_search tool; {@code fileSearch} holds its options (max_num_results, ranking_options) or is null. */
    record FileSearchTool(JsonNode fileSearch) implements Tool {
        @Override
        public String type() {
            return "file_search";
        }
    }

    /** The code_interpreter tool. */
    record CodeInterpreterTool() implements Tool {
        @Override
        public String type() {
            return "code_interpreter";
        }
    }

    /** A tool of a kind this client does not know. */
    record Other(String type) implements Tool {}
}
