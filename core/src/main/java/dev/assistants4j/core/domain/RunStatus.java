package dev.assistants4j.core.domain;

/** A run's lifecycle state. Terminal states never change again. */
public enum RunStatus implements WireEnum {
    QUEUED,
    IN_PROGRESS,
    REQUIRES_ACTION,
    CANCELLING,
    CANCELLED,
    FAILED,
    COMPLETED,
    INCOMPLETE,
    EXPIRED;

    /** True for cancelled, failed, completed, incomplete and expired. */
    public boolean terminal() {
        return switch (this) {
            case CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED -> true;
            case QUEUED, IN_PROGRESS, REQUIRES_ACTION, CANCELLING -> false;
        };
    }
}
