package dev.assistants4j.core.error;

/** The request body is larger than the server accepts (HTTP 413). */
public final class PayloadTooLargeException extends AssistantsException {

    public PayloadTooLargeException(String message) {
        super(413, INVALID_REQUEST, message, null, "request_too_large", null);
    }
}
