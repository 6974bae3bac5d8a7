package dev.assistants4j.core.domain;

/** The built-in sandboxed Python tool. */
public record CodeInterpreterTool() implements Tool {}
