package dev.assistants4j.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status of a run; {@link #UNKNOWN} for a status this client does not know. */
public enum RunStatus {
    QUEUED,
    IN_PROGRESS,
    REQUIRES_ACTION,
    CANCELLING,
    CANCELLED,
    FAILED,
    COMPLETED,
    INCOMPLETE,
    EXPIRED,
    UNKNOWN;

    /** The status for its wire name; {@link #UNKNOWN} for a name this client does not know. */
    @JsonCreator
    public static RunStatus of(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return UNKNOWN;
        }
    }

    /** The wire name ({@code in_progress}, …). */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run has ended: it will not change any more. */
    public boolean terminal() {
        return switch (this) {
            case CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED -> true;
            default -> false;
        };
    }
}
