package dev.assistants4j.core.error;

/** The request is malformed or breaks a rule of the API (HTTP 400). */
public final class InvalidRequestException extends AssistantsException {

    public InvalidRequestException(String message, String param) {
        super(message, param, null, null);
    }

    public InvalidRequestException(String message, String param, String code) {
        super(message, param, code, null);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "invalid_request_error";
    }
}
