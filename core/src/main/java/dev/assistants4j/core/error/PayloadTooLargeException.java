package dev.assistants4j.core.error;

/** The request body is larger than the server accepts (HTTP 413). */
public final class PayloadTooLargeException extends AssistantsException {

    public PayloadTooLargeException(String message) {
        super(message, null, "request_too_large", null);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String type() {
        return "invalid_request_error";
    }
}
