package dev.assistants4j.core.error;

/** The request is malformed or breaks a rule of the API (HTTP 400). */
public final class InvalidRequestException extends AssistantsException {

    public InvalidRequestException(String message, String param) {
        super(400, INVALID_REQUEST, message, param, null, null);
    }

    public InvalidRequestException(String message, String param, String code) {
        super(400, INVALID_REQUEST, message, param, code, null);
    }
}
