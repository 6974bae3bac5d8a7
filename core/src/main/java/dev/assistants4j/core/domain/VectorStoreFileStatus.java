package dev.assistants4j.core.domain;

/** The state of a file in a vector store (and of a file batch). Only {@code in_progress} ever changes. */
public enum VectorStoreFileStatus implements WireEnum {
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    FAILED;

    /** The status of a wire name, for example {@code in_progress}. */
    public static VectorStoreFileStatus fromWire(String wireName) {
        for (VectorStoreFileStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown vector store file status: " + wireName);
    }
}
