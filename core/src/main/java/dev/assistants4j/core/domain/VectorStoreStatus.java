package dev.assistants4j.core.domain;

/** A vector store's state, derived from its files and its expiry. */
public enum VectorStoreStatus implements WireEnum {
    EXPIRED,
    IN_PROGRESS,
    COMPLETED
}
