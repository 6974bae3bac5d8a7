package dev.assistants4j.core.domain;

/** The model declined to answer. */
public record RefusalContent(String refusal) implements MessageContent {}
