package dev.assistants4j.core.store;

/** Sort order of a list by creation: {@code asc} oldest first, {@code desc} newest first. */
public enum ListOrder {
    ASC,
    DESC;

    /** The wire value. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
