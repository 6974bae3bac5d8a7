package dev.assistants4j.core.engine;

/** The output the client submits for one function call of a run in requires_action. */
public record ToolOutput(String toolCallId, String output) {}
