package dev.assistants4j.core.error;

/** The request conflicts with the current state of an object (HTTP 409). */
public final class ConflictException extends AssistantsException {

    public ConflictException(String message) {
        super(409, INVALID_REQUEST, message, null, null, null);
    }
}
