package dev.assistants4j.core.error;

/** The key is valid but not allowed to do this (HTTP 403). */
public final class PermissionDeniedException extends AssistantsException {

    public PermissionDeniedException(String message) {
        super(403, INVALID_REQUEST, message, null, null, null);
    }
}
