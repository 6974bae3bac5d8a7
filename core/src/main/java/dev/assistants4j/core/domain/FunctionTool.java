package dev.assistants4j.core.domain;

import java.util.Objects;

/** A function the model may call; the caller runs it and submits the output. */
public record FunctionTool(FunctionDefinition function) implements Tool {
    public FunctionTool {
        Objects.requireNonNull(function, "function");
    }
}
