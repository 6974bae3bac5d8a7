package dev.assistants4j.core.domain;

/** A run step's state. */
public enum RunStepStatus implements WireEnum {
    IN_PROGRESS,
    CANCELLED,
    FAILED,
    COMPLETED,
    EXPIRED
}
