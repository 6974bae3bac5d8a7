package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** The state of a file in a vector store (and of a file batch). Only {@code in_progress} ever changes. */
public enum VectorStoreFileStatus {
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    CANCELLED("cancelled"),
    FAILED("failed");

    private final String wireName;

    VectorStoreFileStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The status of a wire name, for example {@code in_progress}. */
    public static VectorStoreFileStatus fromWire(String wireName) {
        for (VectorStoreFileStatus status : values()) {
            if (status.wireName.equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown vector store file status: " + wireName);
    }
}
