package dev.assistants4j.client.params;

import java.util.Objects;

/** The output of one function call, submitted to a run that requires action. */
public record ToolOutput(String toolCallId, String output) {
    public ToolOutput {
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(output, "output");
    }
}
