package dev.assistants4j.client.model;

/** How many files of a vector store or batch are in each state. */
public record FileCounts(long inProgress, long completed, long failed, long cancelled, long total) {}
