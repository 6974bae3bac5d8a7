package dev.assistants4j.core.error;

/** Missing or wrong API key (HTTP 401). */
public final class AuthenticationException extends AssistantsException {

    public AuthenticationException(String message, String code) {
        super(401, INVALID_REQUEST, message, null, code, null);
    }
}
