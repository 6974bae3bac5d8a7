package dev.assistants4j.core.error;

/** Missing or wrong API key (HTTP 401). */
public final class AuthenticationException extends AssistantsException {

    public AuthenticationException(String message, String code) {
        super(message, null, code, null);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String type() {
        return "invalid_request_error";
    }
}
