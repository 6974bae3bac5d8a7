package dev.assistants4j.core.error;

/** The request conflicts with the current state of an object (HTTP 409). */
public final class ConflictException extends AssistantsException {

    public ConflictException(String message) {
        super(message, null, null, null);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "invalid_request_error";
    }
}
