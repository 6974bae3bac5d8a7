package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.FileSearchTool;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.StepToolCall;
import java.util.List;
import java.util.Optional;

/**
 * How the file_search tool of a run looks to the model: a function {@code file_search(queries)}, an instruction on
 * citing, and the tool message that carries a call's results, each behind a {@code 【turn:n†file】} marker.
 */
final class FileSearchTools {

    static final String NAME = "file_search";
    static final String RANKER = "default_2024_08_21";
    static final int DEFAULT_MAX_RESULTS = 20;

    static final String INSTRUCTIONS = "You can search the user's uploaded files with the file_search tool. When your"
            + " answer uses a search result, cite it by copying the result's marker exactly as given, e.g. 【0:1†file.pdf】,"
            + " right after the sentence that uses it.";

    private static final FunctionDefinition DEFINITION = new FunctionDefinition(
            NAME, "Searches the user's uploaded files for passages relevant to the queries.", parameters(), false);

    private FileSearchTools() {}

    /** The run's file_search tool, if it has one. */
    static Optional<FileSearchTool> of(Run run) {
        return run.tools().stream()
                .filter(FileSearchTool.class::isInstance)
                .map(FileSearchTool.class::cast)
                .findFirst();
    }

    /** True when {@code name} is a call of the run's file_search tool (not a client function). */
    static boolean isCall(Run run, String name) {
        return NAME.equals(name) && of(run).isPresent();
    }

    /** The function the model sees. */
    static FunctionDefinition definition() {
        return DEFINITION;
    }

    /**
     * The tool_choice to send upstream: {@code {"type":"file_search"}} or {@code {"type":"code_interpreter"}} becomes
     * the named function when the run has that tool ({@code auto} otherwise); once the run made a tool call, a forced
     * or required choice becomes {@code auto}, so that the model can answer with the results.
     *
     * @param builtIns the names of the built-in tools the run exposes as functions
     */
    static JsonNode upstreamChoice(Run run, java.util.Set<String> builtIns, boolean madeToolCalls) {
        JsonNode choice = run.toolChoice();
        if (choice == null) {
            return null;
        }
        boolean forced = choice.isObject() || "required".equals(choice.asText());
        if (forced && madeToolCalls) {
            return TextNode.valueOf("auto");
        }
        String type = choice.path("type").asText();
        if (choice.isObject() && (NAME.equals(type) || CodeInterpreterTools.NAME.equals(type))) {
            if (!builtIns.contains(type)) {
                return TextNode.valueOf("auto");
            }
            ObjectNode named = Json.MAPPER.createObjectNode().put("type", "function");
            named.putObject("function").put("name", type);
            return named;
        }
        return choice;
    }

    /** The marker that cites result {@code n} of the call numbered {@code turn}. */
    static String marker(int turn, int n, String fileName) {
        return "【" + turn + ":" + n + "†" + fileName + "】";
    }

    /** The tool message the model gets for a call: each result behind its marker, or the error. */
    static String output(StepToolCall.FileSearch call) {
        if (call.trace().error() != null) {
            return call.trace().error();
        }
        List<StepToolCall.FileSearchResult> results = call.fileSearch().results();
        if (results.isEmpty()) {
            return "No results found.";
        }
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < results.size(); n++) {
            StepToolCall.FileSearchResult result = results.get(n);
            if (n > 0) {
                text.append("\n\n");
            }
            text.append(marker(call.trace().turn(), n, result.fileName()))
                    .append(" (file: ")
                    .append(result.fileName())
                    .append(")\n")
                    .append(result.text());
        }
        return text.toString();
    }

    private static JsonNode parameters() {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode queries = schema.putObject("properties").putObject("queries");
        queries.put("type", "array").put("description", "One to five search queries.");
        queries.putObject("items").put("type", "string");
        schema.putArray("required").add("queries");
        return schema;
    }
}
