package dev.assistants4j.client.model;

/** The tokens a run or run step used. */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {}
