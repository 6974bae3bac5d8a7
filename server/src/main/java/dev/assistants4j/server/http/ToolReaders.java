package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.domain.CodeInterpreterResources;
import dev.assistants4j.core.domain.CodeInterpreterTool;
import dev.assistants4j.core.domain.FileSearchResources;
import dev.assistants4j.core.domain.FileSearchSettings;
import dev.assistants4j.core.domain.FileSearchTool;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.domain.FunctionTool;
import dev.assistants4j.core.domain.NewVectorStore;
import dev.assistants4j.core.domain.RankingOptions;
import dev.assistants4j.core.domain.Tool;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.InvalidRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the tool-related fields shared by assistants, threads and runs: tools, tool_resources, response_format. */
final class ToolReaders {

    static final int MAX_TOOLS = 128;
    static final Set<String> REASONING_EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

    private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Set<String> TOOL_TYPES = Set.of("function", "file_search", "code_interpreter");

    private ToolReaders() {}

    /** The {@code tools} array, if present; function names must be unique. */
    static Optional<List<Tool>> tools(JsonObjectReader body, String name) {
        Optional<List<Tool>> tools = body.array(name, MAX_TOOLS, ToolReaders::tool);
        tools.ifPresent(list -> requireUniqueFunctionNames(list, body.path(name)));
        return tools;
    }

    private static Tool tool(JsonNode value, String path) {
        JsonObjectReader tool = JsonObjectReader.of(value, path);
        String type = tool.oneOf("type", TOOL_TYPES).orElseThrow(() -> tool.missing("type"));
        return switch (type) {
            case "function" -> functionTool(tool.allowOnly(Set.of("type", "function")));
            case "file_search" -> fileSearchTool(tool.allowOnly(Set.of("type", "file_search")));
            default -> {
                tool.allowOnly(Set.of("type"));
                yield new CodeInterpreterTool();
            }
        };
    }

    private static FunctionTool functionTool(JsonObjectReader tool) {
        JsonObjectReader function = tool.object("function")
                .orElseThrow(() -> tool.missing("function"))
                .allowOnly(Set.of("name", "description", "parameters", "strict"));
        String name = function.requiredString("name");
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw new InvalidRequestException(
                    "Invalid '" + function.path("name") + "': string does not match pattern. Expected a string that"
                            + " matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.",
                    function.path("name"),
                    "invalid_value");
        }
        return new FunctionTool(new FunctionDefinition(
                name,
                function.string("description", 1024 * 1024).orElse(null),
                function.rawObject("parameters").orElse(null),
                function.bool("strict").orElse(false)));
    }

    private static FileSearchTool fileSearchTool(JsonObjectReader tool) {
        Optional<JsonObjectReader> settings = tool.object("file_search");
        if (settings.isEmpty()) {
            return new FileSearchTool(null);
        }
        JsonObjectReader fileSearch = settings.get().allowOnly(Set.of("max_num_results", "ranking_options"));
        RankingOptions ranking = fileSearch
                .object("ranking_options")
                .map(options -> {
                    options.allowOnly(Set.of("ranker", "score_threshold"));
                    return new RankingOptions(
                            options.oneOf("ranker", Set.of("auto", "default_2024_08_21"))
                                    .orElse(null),
                            options.number("score_threshold", 0, 1).orElse(null));
                })
                .orElse(null);
        return new FileSearchTool(new FileSearchSettings(
                fileSearch.integer("max_num_results", 1, 50).orElse(null), ranking));
    }

    private static void requireUniqueFunctionNames(List<Tool> tools, String path) {
        Set<String> names = new HashSet<>();
        for (Tool tool : tools) {
            if (tool instanceof FunctionTool function
                    && !names.add(function.function().name())) {
                throw new InvalidRequestException(
                        "Invalid '" + path + "': duplicate function name '"
                                + function.function().name() + "'.",
                        path,
                        "duplicate_function_name");
            }
        }
    }

    /** The {@code tool_resources} object, if present and not null. */
    static Optional<ToolResources> toolResources(JsonObjectReader body, String name, int maxVectorStores) {
        return body.object(name).map(resources -> {
            resources.allowOnly(Set.of("code_interpreter", "file_search"));
            CodeInterpreterResources code = resources
                    .object("code_interpreter")
                    .map(ci -> new CodeInterpreterResources(ci.allowOnly(Set.of("file_ids"))
                            .strings("file_ids", 20)
                            .orElse(List.of())))
                    .orElse(null);
            FileSearchResources search = resources
                    .object("file_search")
                    .map(fs -> fileSearchResources(fs, maxVectorStores))
                    .orElse(null);
            return new ToolResources(code, search);
        });
    }

    /** The most files a vector store created inline ({@code vector_stores}) takes, as OpenAI allowed. */
    static final int MAX_INLINE_STORE_FILES = 10_000;

    private static FileSearchResources fileSearchResources(JsonObjectReader fileSearch, int maxVectorStores) {
        fileSearch.allowOnly(Set.of("vector_store_ids", "vector_stores"));
        // Whether the ids name vector stores of the project is checked by the services that store them
        // (ToolResourcesResolver), which also create the stores asked for in vector_stores.
        return new FileSearchResources(
                fileSearch.strings("vector_store_ids", maxVectorStores).orElse(List.of()),
                fileSearch
                        .array("vector_stores", maxVectorStores, ToolReaders::newVectorStore)
                        .orElse(List.of()));
    }

    /** One {@code vector_stores} item: {@code {file_ids, chunking_strategy, metadata}}, all optional. */
    private static NewVectorStore newVectorStore(JsonNode value, String path) {
        JsonObjectReader store =
                JsonObjectReader.of(value, path).allowOnly(Set.of("file_ids", "chunking_strategy", "metadata"));
        return new NewVectorStore(
                store.strings("file_ids", MAX_INLINE_STORE_FILES).orElse(List.of()),
                VectorStoreRequests.chunkingStrategy(store, "chunking_strategy").orElse(null),
                store.metadata("metadata").orElse(null));
    }

    /** The {@code response_format}: the string "auto" or an object of type text, json_object or json_schema. */
    static Optional<JsonNode> responseFormat(JsonObjectReader body, String name) {
        return body.value(name).map(value -> {
            if (value.isTextual()) {
                if (!value.textValue().equals("auto")) {
                    throw new InvalidRequestException(
                            "Invalid value for '" + body.path(name) + "': expected 'auto' or an object.",
                            body.path(name),
                            "invalid_value");
                }
                return TextNode.valueOf("auto");
            }
            JsonObjectReader format = JsonObjectReader.of(value, body.path(name));
            String type = format.oneOf("type", Set.of("text", "json_object", "json_schema"))
                    .orElseThrow(() -> format.missing("type"));
            if (type.equals("json_schema")) {
                format.allowOnly(Set.of("type", "json_schema"));
                JsonObjectReader schema = format.object("json_schema").orElseThrow(() -> format.missing("json_schema"));
                schema.allowOnly(Set.of("name", "description", "schema", "strict"));
                schema.requiredString("name");
                schema.string("description", 1024 * 1024);
                schema.rawObject("schema");
                schema.bool("strict");
            } else {
                format.allowOnly(Set.of("type"));
            }
            return value;
        });
    }
}
