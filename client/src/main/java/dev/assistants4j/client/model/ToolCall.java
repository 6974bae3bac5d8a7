package dev.assistants4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A tool call of a run step: a function call, code_interpreter, file_search; {@link Other} for newer kinds. */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = ToolCall.Other.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ToolCall.FunctionToolCall.class, name = "function"),
    @JsonSubTypes.Type(value = ToolCall.CodeInterpreterToolCall.class, name = "code_interpreter"),
    @JsonSubTypes.Type(value = ToolCall.FileSearchToolCall.class, name = "file_search")
})
public sealed interface ToolCall {

    /** The call's id. */
    String id();

    /** The wire name of the call's kind. */
    @JsonProperty("type")
    String type();

    /** A call of a function: its name, its arguments (JSON text) and, once submitted, its output. */
    record FunctionToolCall(String id, Function function) implements ToolCall {
        @Override
        public String type() {
            return "function";
        }

        /** The function's name. */
        public String name() {
            return function == null ? null : function.name();
        }

        /** The arguments, as the JSON text the model wrote. */
        public String arguments() {
            return function == null ? null : function.arguments();
        }

        /** The output submitted for the call; null until then. */
        public String output() {
            return function == null ? null : function.output();
        }
    }

    /** The function a call names, with its arguments and output. */
    record Function(String name, String arguments, String output) {}

    /** code_interpreter running {@code input}, with its outputs (logs, images). */
    record CodeInterpreterToolCall(String id, CodeInterpreter codeInterpreter) implements ToolCall {
        @Override
        public String type() {
            return "code_interpreter";
        }

        /** The code run. */
        public String input() {
            return codeInterpreter == null ? null : codeInterpreter.input();
        }

        /** What the code printed or drew. */
        public List<CodeOutput> outputs() {
            return codeInterpreter == null || codeInterpreter.outputs() == null ? List.of() : codeInterpreter.outputs();
        }
    }

    /** code_interpreter's input and outputs. */
    record CodeInterpreter(String input, List<CodeOutput> outputs) {}

    /** One output of code_interpreter: {@code logs} (text) or {@code image} (a file). */
    record CodeOutput(String type, String logs, MessageContent.ImageFile image) {}

    /** file_search, with the chunks it found (their content only when asked for with include). */
    record FileSearchToolCall(String id, FileSearch fileSearch) implements ToolCall {
        @Override
        public String type() {
            return "file_search";
        }

        /** The results; empty unless the run step was read with file_search content. */
        public List<FileSearchResult> results() {
            return fileSearch == null || fileSearch.results() == null ? List.of() : fileSearch.results();
        }
    }

    /** file_search's ranking options and results. */
    record FileSearch(JsonNode rankingOptions, List<FileSearchResult> results) {}

    /** A chunk file_search found: its file, score and (when included) content parts. */
    record FileSearchResult(String fileId, String fileName, Double score, JsonNode content) {}

    /** A tool call of a kind this client does not know. */
    record Other(String id, String type) implements ToolCall {}
}
