package dev.assistants4j.core.error;

/** The key is valid but not allowed to do this (HTTP 403). */
public final class PermissionDeniedException extends AssistantsException {

    public PermissionDeniedException(String message) {
        super(message, null, null, null);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String type() {
        return "invalid_request_error";
    }
}
