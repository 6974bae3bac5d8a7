package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** A run step's state. */
public enum RunStepStatus {
    IN_PROGRESS("in_progress"),
    CANCELLED("cancelled"),
    FAILED("failed"),
    COMPLETED("completed"),
    EXPIRED("expired");

    private final String wireName;

    RunStepStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
