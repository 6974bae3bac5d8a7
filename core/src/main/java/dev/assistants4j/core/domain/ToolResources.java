package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Resources the built-in tools use. Absent parts are omitted on the wire, so an empty value is {@code {}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolResources(CodeInterpreterResources codeInterpreter, FileSearchResources fileSearch) {

    public static final ToolResources EMPTY = new ToolResources(null, null);
}
