package dev.assistants4j.core.domain;

/** Why a message or run ended incomplete, for example {@code max_tokens}. */
public record IncompleteDetails(String reason) {}
