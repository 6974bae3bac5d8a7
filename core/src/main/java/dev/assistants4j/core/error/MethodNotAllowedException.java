package dev.assistants4j.core.error;

/** The path exists but not with this HTTP method (HTTP 405). */
public final class MethodNotAllowedException extends AssistantsException {

    public MethodNotAllowedException(String message) {
        super(405, INVALID_REQUEST, message, null, "method_not_supported", null);
    }
}
