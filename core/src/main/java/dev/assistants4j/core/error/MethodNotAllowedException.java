package dev.assistants4j.core.error;

/** The path exists but not with this HTTP method (HTTP 405). */
public final class MethodNotAllowedException extends AssistantsException {

    public MethodNotAllowedException(String message) {
        super(message, null, "method_not_supported", null);
    }

    @Override
    public int status() {
        return 405;
    }

    @Override
    public String type() {
        return "invalid_request_error";
    }
}
