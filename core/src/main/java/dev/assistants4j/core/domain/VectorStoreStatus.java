package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** A vector store's state, derived from its files and its expiry. */
public enum VectorStoreStatus {
    EXPIRED("expired"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed");

    private final String wireName;

    VectorStoreStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
