package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The built-in retrieval tool over the vector stores in tool_resources. */
public record FileSearchTool(
        @JsonInclude(JsonInclude.Include.NON_NULL) FileSearchSettings fileSearch) implements Tool {}
