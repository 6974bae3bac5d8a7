package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** A run's lifecycle state. Terminal states never change again. */
public enum RunStatus {
    QUEUED("queued"),
    IN_PROGRESS("in_progress"),
    REQUIRES_ACTION("requires_action"),
    CANCELLING("cancelling"),
    CANCELLED("cancelled"),
    FAILED("failed"),
    COMPLETED("completed"),
    INCOMPLETE("incomplete"),
    EXPIRED("expired");

    private final String wireName;

    RunStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True for cancelled, failed, completed, incomplete and expired. */
    public boolean terminal() {
        return switch (this) {
            case CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED -> true;
            case QUEUED, IN_PROGRESS, REQUIRES_ACTION, CANCELLING -> false;
        };
    }
}
