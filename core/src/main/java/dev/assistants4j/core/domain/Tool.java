package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A tool enabled on an assistant or a run: {@code function}, {@code file_search} or {@code code_interpreter}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FunctionTool.class, name = "function"),
    @JsonSubTypes.Type(value = FileSearchTool.class, name = "file_search"),
    @JsonSubTypes.Type(value = CodeInterpreterTool.class, name = "code_interpreter")
})
public sealed interface Tool permits FunctionTool, FileSearchTool, CodeInterpreterTool {}
