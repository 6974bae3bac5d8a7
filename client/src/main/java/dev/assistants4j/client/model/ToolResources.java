package dev.assistants4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The files the tools of an assistant or thread use: code_interpreter's file ids, file_search's vector stores.
 *
 * @param codeInterpreter null when not set
 * @param fileSearch null when not set
 */
public record ToolResources(CodeInterpreterResources codeInterpreter, FileSearchResources fileSearch) {

    /** Files for code_interpreter. */
    public static ToolResources codeInterpreter(List<String> fileIds) {
        return new ToolResources(new CodeInterpreterResources(fileIds), null);
    }

    /** Vector stores for file_search. */
    public static ToolResources fileSearch(List<String> vectorStoreIds) {
        return new ToolResources(null, new FileSearchResources(vectorStoreIds, null));
    }

    /** code_interpreter's files. */
    public record CodeInterpreterResources(List<String> fileIds) {}

    /**
     * file_search's vector stores; {@code vectorStores} (only when creating) asks for new ones built from files, in
     * the API's shape ({@code file_ids}, {@code chunking_strategy}, {@code metadata}).
     */
    public record FileSearchResources(List<String> vectorStoreIds, List<JsonNode> vectorStores) {}
}
